package dev.mastodonmaintenance.boot.manifest;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.ConsoleClient;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's manifest pages over real HTTP after a dry run and a real run removed
 * data: behind the console's sign-in, a run's manifest filtered and paged, its CSV
 * export, the search across runs, and the links to them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "mastodon.maintenance.console.enabled=true", "mastodon.maintenance.console.role=OPERATOR",
				"spring.flyway.enabled=false" })
class ManifestConsoleOverHttpTests {

	private static final MastodonDatabase db = StarterDatabase.create(ManifestConsoleOverHttpTests.class);

	private static Path root;

	private static RemovedData data;

	private static long dryRun;

	private static long realRun;

	@LocalServerPort
	int port;

	@Autowired
	MastodonMaintenance maintenance;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) throws IOException {
		for (String property : StarterDatabase.dataSourceProperties(db)) {
			int equals = property.indexOf('=');
			registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
		}
		root = Files.createTempDirectory("manifest-console-media");
		registry.add("mastodon.maintenance.storage.root", root::toString);
	}

	@BeforeEach
	void runs() {
		if (data == null) {
			data = RemovedData.seed(db, root);
			dryRun = runToEnd(RemovedData.RUN.dryRun(true));
			realRun = runToEnd(RemovedData.RUN);
		}
	}

	private long runToEnd(RunRequest request) {
		long id = this.maintenance.start(request);
		Await.until("execution " + id + " ended",
				() -> this.maintenance.execution(id).map((details) -> !details.summary().running()).orElse(false));
		return id;
	}

	@Test
	void manifestPagesNeedASignedInOperator() {
		ConsoleClient anonymous = new ConsoleClient(this.port);
		assertThat(anonymous.get("/maintenance/executions/" + realRun + "/manifest").headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/maintenance/login"));
		assertThat(anonymous.get("/maintenance/executions/" + realRun + "/manifest.csv").statusCode()).isEqualTo(302);
		assertThat(anonymous.get("/maintenance/manifest?q=1&by=status").statusCode()).isEqualTo(302);

		ConsoleClient viewer = new ConsoleClient(this.port);
		viewer.signIn("viewer", "viewer-password");
		assertThat(viewer.get("/maintenance/executions/" + realRun + "/manifest").statusCode()).isEqualTo(403);
	}

	@Test
	void aRunsManifestIsShownFilteredAndPaged() {
		ConsoleClient operator = signedIn();

		HttpResponse<String> execution = operator.get("/maintenance/executions/" + realRun);
		assertThat(execution.body()).contains("/maintenance/executions/" + realRun + "/manifest\"")
			.contains("id=\"nav-manifest\"");

		String page = operator.get("/maintenance/executions/" + realRun + "/manifest").body();
		assertThat(page).contains("Deletion manifest of execution <span>" + realRun + "</span>");
		data.keys().forEach((key) -> assertThat(page).contains(key));
		assertThat(page).contains("rows of statuses");

		long status = data.statuses().get(2).id();
		String filtered = operator
			.get("/maintenance/executions/" + realRun + "/manifest?search=" + status + "&by=status&state=removed")
			.body();
		assertThat(filtered).contains("statuses " + status)
			.doesNotContain(data.keys().get(0))
			.doesNotContain("statuses " + data.statuses().get(0).id());

		String first = operator.get("/maintenance/executions/" + realRun + "/manifest?limit=2").body();
		Matcher next = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"").matcher(first);
		assertThat(next.find()).as("a link to the next page").isTrue();
		String second = operator.get(next.group(1).replace("&amp;", "&")).body();
		assertThat(rowsOf(first)).hasSize(2);
		assertThat(rowsOf(second)).hasSize(2).doesNotContainAnyElementsOf(rowsOf(first));
	}

	@Test
	void badFiltersAreExplainedAndUnknownRunsAreNotFound() {
		ConsoleClient operator = signedIn();

		HttpResponse<String> bad = operator.get("/maintenance/executions/" + realRun + "/manifest?state=gone");
		assertThat(bad.statusCode()).isEqualTo(200);
		assertThat(bad.body()).contains("Unknown manifest state &#39;gone&#39;");
		assertThat(operator.get("/maintenance/executions/" + realRun + "/manifest.csv?level=nope").statusCode())
			.isEqualTo(400);
		assertThat(operator.get("/maintenance/executions/987654/manifest").statusCode()).isEqualTo(404);
	}

	@Test
	void theCsvExportHasEveryEntryOfTheFilter() {
		ConsoleClient operator = signedIn();

		HttpResponse<String> csv = operator
			.get("/maintenance/executions/" + realRun + "/manifest.csv?by=key&search=cache/");
		assertThat(csv.statusCode()).isEqualTo(200);
		assertThat(csv.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/csv"));
		List<String> lines = csv.body().lines().toList();
		assertThat(lines.get(0))
			.isEqualTo("executionId,level,state,kind,table,rowId,key,recordedBytes,storageBytes,detail,recordedAt");
		long objects = new JdbcDeletionManifestRecords(db.jdbc(), "mastodon_maintenance").tally(realRun)
			.stream()
			.filter((line) -> line.kind() == ManifestEntry.Kind.OBJECT)
			.mapToLong(ManifestTally::count)
			.sum();
		assertThat(lines).hasSize(1 + (int) objects);
		assertThat(lines.subList(1, lines.size())).allSatisfy((line) -> assertThat(line).startsWith(realRun + ","));
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line).contains(",removed,object,,," + data.keys().get(0) + ","));
	}

	@Test
	void aStatusOrAKeyIsFoundAcrossRuns() {
		ConsoleClient operator = signedIn();
		long status = data.statuses().get(0).id();

		String found = operator.get("/maintenance/manifest?by=status&q=" + status).body();
		assertThat(found).contains("statuses " + status)
			.contains("/maintenance/executions/" + realRun + "\"")
			.contains("/maintenance/executions/" + dryRun + "\"")
			.contains("dry-run");
		String key = data.keys().get(3);
		assertThat(
				operator.get("/maintenance/manifest?by=key&q=" + URLEncoder.encode(key, StandardCharsets.UTF_8)).body())
			.contains(key)
			.contains("/maintenance/executions/" + realRun + "\"");
		assertThat(operator.get("/maintenance/manifest?by=status&q=abc").body())
			.contains("Invalid status id &#39;abc&#39;: expected a number");
		assertThat(operator.get("/maintenance/manifest?by=key&q=cache/never.png").body())
			.contains("No run recorded it.");
	}

	private static List<String> rowsOf(String page) {
		return Pattern.compile("data-position=\"([^\"]+)\"").matcher(page).results().map((m) -> m.group(1)).toList();
	}

	private ConsoleClient signedIn() {
		ConsoleClient operator = new ConsoleClient(this.port);
		operator.signIn("operator", "operator-password");
		return operator;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class HostApplication {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("operator").password("{noop}operator-password").roles("OPERATOR").build(),
					User.withUsername("viewer").password("{noop}viewer-password").roles("VIEWER").build());
		}

	}

}
