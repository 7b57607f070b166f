package dev.mastodonmaintenance.boot.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.manifest.ManifestEntry.Kind;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DeletionManifestRecords} over the manifest of a dry run and then a real run that
 * removed statuses, their media, preview card images and an account's profile images from
 * a real database and filesystem: the filters, keyset pages that walk a run exactly once,
 * the tally, and the lookup of a key, a status and an account across runs.
 */
class DeletionManifestRecordsTests {

	private static final MastodonDatabase db = StarterDatabase.create(DeletionManifestRecordsTests.class);

	@TempDir
	static Path root;

	private static RemovedData data;

	private static long dryRun;

	private static long realRun;

	private static DeletionManifestRecords records;

	@BeforeAll
	static void runs() {
		data = RemovedData.seed(db, root);
		runner().run((context) -> {
			MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
			dryRun = runToEnd(maintenance, RemovedData.RUN.dryRun(true));
			realRun = runToEnd(maintenance, RemovedData.RUN);
			assertThat(context).getBean(DeletionManifestRecords.class).isInstanceOf(JdbcDeletionManifestRecords.class);
		});
		// the same reader as the context's, outliving it
		records = new JdbcDeletionManifestRecords(db.jdbc(), "mastodon_maintenance");
	}

	private static ApplicationContextRunner runner() {
		return StarterContexts.host(db)
			.withConfiguration(AutoConfigurations.of(MastodonMaintenanceManifestAutoConfiguration.class))
			.withPropertyValues("mastodon.maintenance.storage.root=" + root);
	}

	private static long runToEnd(MastodonMaintenance maintenance, RunRequest request) {
		long id = maintenance.start(request);
		Await.until("execution " + id + " ended",
				() -> maintenance.execution(id).map((details) -> !details.summary().running()).orElse(false));
		return id;
	}

	@Test
	void aRunsManifestListsEveryRowAndObjectItRemoved() {
		List<ManifestEntry> all = records.page(ManifestQuery.of(realRun).limit(1000)).entries();

		assertThat(all).allSatisfy((entry) -> {
			assertThat(entry.executionId()).isEqualTo(realRun);
			assertThat(entry.state()).isEqualTo(ManifestState.REMOVED);
		});
		assertThat(all).filteredOn((entry) -> entry.kind() == Kind.OBJECT)
			.extracting(ManifestEntry::key)
			.containsAll(data.keys());
		assertThat(all).filteredOn((entry) -> "statuses".equals(entry.table()))
			.extracting(ManifestEntry::rowId)
			.containsExactlyInAnyOrderElementsOf(data.statuses().stream().map((status) -> status.id()).toList());
		assertThat(records.page(ManifestQuery.of(dryRun).limit(1000)).entries()).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.state()).isEqualTo(ManifestState.DRY_RUN));
	}

	@Test
	void pagesFollowEachOtherFromTheirPositionAndWalkTheRunOnce() {
		List<ManifestEntry> all = records.page(ManifestQuery.of(realRun).limit(1000)).entries();
		List<ManifestEntry> walked = new ArrayList<>();
		ManifestQuery query = ManifestQuery.of(realRun).limit(2);
		ManifestPage page;
		do {
			page = records.page(query);
			assertThat(page.entries()).hasSizeLessThanOrEqualTo(2);
			walked.addAll(page.entries());
			query = query.after(page.next());
		}
		while (page.next() != null);

		assertThat(all).hasSizeGreaterThan(4);
		assertThat(walked).isEqualTo(all);
		List<ManifestEntry> exported = new ArrayList<>();
		records.each(ManifestQuery.of(realRun).limit(1), exported::add);
		assertThat(exported).isEqualTo(all);
	}

	@Test
	void filtersNarrowToALevelATableAStateAStatusAnAccountOrAKeyPrefix() {
		Level cards = Level.PREVIEW_CARDS_REMOVE;
		assertThat(records.page(ManifestQuery.of(realRun).level(cards)).entries()).isNotEmpty()
			.allSatisfy((entry) -> assertThat(entry.level()).isEqualTo(cards));
		assertThat(records.page(ManifestQuery.of(realRun).table("statuses")).entries()).hasSize(3)
			.allSatisfy((entry) -> assertThat(entry.kind()).isEqualTo(Kind.ROW));
		assertThat(records.page(ManifestQuery.of(realRun).state(ManifestState.FAILED)).entries()).isEmpty();
		assertThat(records.page(ManifestQuery.of(dryRun).state(ManifestState.DRY_RUN)).entries()).isNotEmpty();

		long status = data.statuses().get(1).id();
		assertThat(records.page(ManifestQuery.of(realRun).statusId(status)).entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.subject()).isEqualTo("statuses " + status));

		String partition = IdPartition.of(data.account().id());
		assertThat(records.page(ManifestQuery.of(realRun).accountId(data.account().id())).entries())
			.extracting(ManifestEntry::subject)
			// the row media-remove cleared the images of, and the images
			.containsExactlyInAnyOrder("accounts " + data.account().id(),
					"cache/accounts/avatars/" + partition + "/original/ab12ab12ab12ab12.gif",
					"cache/accounts/headers/" + partition + "/original/cd34cd34cd34cd34.jpeg",
					// the avatar's static style, which Mastodon derives from the stored
					// name
					"cache/accounts/avatars/" + partition + "/static/ab12ab12ab12ab12.png");

		assertThat(records.page(ManifestQuery.of(realRun).keyPrefix("cache/preview_cards/")).entries())
			.extracting(ManifestEntry::key)
			.containsExactlyInAnyOrderElementsOf(
					data.keys().stream().filter((key) -> key.contains("preview_cards")).toList());
		// a LIKE wildcard in the prefix is taken literally
		assertThat(records.page(ManifestQuery.of(realRun).keyPrefix("cache/preview_cards%")).entries()).isEmpty();
		assertThat(records.page(ManifestQuery.of(realRun + 1000)).entries()).isEmpty();
	}

	@Test
	void aKeyOrARowIsFoundAcrossRunsNewestFirst() {
		String key = data.keys().get(data.keys().size() - 1);

		assertThat(records.findKey(key, 10)).extracting(ManifestEntry::executionId, ManifestEntry::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(realRun, ManifestState.REMOVED),
					org.assertj.core.groups.Tuple.tuple(dryRun, ManifestState.DRY_RUN));
		assertThat(records.findKey(key, 1)).hasSize(1);
		assertThat(records.findKey("cache/never/stored.png", 10)).isEmpty();

		long status = data.statuses().get(0).id();
		assertThat(records.findRow("statuses", status, 10)).extracting(ManifestEntry::executionId, ManifestEntry::level)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(realRun, Level.STATUSES_REMOVE),
					org.assertj.core.groups.Tuple.tuple(dryRun, Level.STATUSES_REMOVE));
		assertThat(records.findRow("accounts", status, 10)).isEmpty();
	}

	@Test
	void theTallyCountsWhatEachLevelRecorded() {
		List<ManifestTally> tally = records.tally(realRun);

		assertThat(tally).filteredOn((line) -> "statuses".equals(line.table())).singleElement().satisfies((line) -> {
			assertThat(line.count()).isEqualTo(3);
			assertThat(line.state()).isEqualTo(ManifestState.REMOVED);
			assertThat(line.level()).isEqualTo(Level.STATUSES_REMOVE);
		});
		long objects = tally.stream()
			.filter((line) -> line.kind() == Kind.OBJECT)
			.mapToLong(ManifestTally::count)
			.sum();
		assertThat(objects)
			.isEqualTo(records.page(ManifestQuery.of(realRun).keyPrefix("c").limit(1000)).entries().size());
	}

	@Test
	void badQueriesAreRefusedWithTheReason() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestQuery.of(1).limit(0))
			.withMessageContaining("limit");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestState.of("gone"))
			.withMessage("Unknown manifest state 'gone': use one of pending, removed, failed, dry-run");
		assertThatIllegalArgumentException().isThrownBy(() -> ManifestPosition.parse("12"))
			.withMessageContaining("expected ENTRY.INDEX");
		assertThat(ManifestPosition.parse("12.3")).isEqualTo(new ManifestPosition(12, 3));
	}

}
