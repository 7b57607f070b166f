package dev.mastodonmaintenance.operator.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.operator.OperatorApplication;
import dev.mastodonmaintenance.storage.AttachmentKey;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.CardType;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.TestRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import redis.embedded.RedisServer;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console in a real browser (Debian's chromium, driven through chromium-driver)
 * against the running application on a random port: sign in and see the schedule; launch
 * a dry run and watch its page follow it without reloading; launch the same options for
 * real, confirm it against the dry run's prediction and find the same figures, while the
 * executions list follows it; see an option refused with tootctl's message; see a run
 * fail because its Redis is down, restart it once Redis is back and see it complete.
 * Screenshots go to {@code target/screenshots}, or to the directory named by the system
 * property {@code console.screenshots} ({@code -Dconsole.screenshots=../docs/screenshots}
 * refreshes those of the documentation).
 */
class ConsoleBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final String USER = "operator";

	private static final String PASSWORD = "correct horse battery staple";

	private static final int CARDS = 600;

	@TempDir
	static Path media;

	@TempDir
	static Path browserProfile;

	private static MastodonDatabase db;

	private static int redisPort;

	private static RedisServer redis;

	private static ConfigurableApplicationContext app;

	private static WebDriver browser;

	private static String base;

	private static Path screenshots;

	private static long oldStatus;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Debian's chromium and chromium-driver are needed: apt-get install -y chromium chromium-driver");
		db = MastodonDatabase.withFixture(ConsoleBrowserTests.class);
		seed();
		redisPort = TestRedis.freePort();
		redis = startRedis();
		Map<String, Object> properties = new HashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.datasource.url", db.jdbcUrl());
		properties.put("spring.datasource.username", db.user());
		properties.put("spring.datasource.password", db.password());
		properties.put("mastodon.maintenance.storage.type", "filesystem");
		properties.put("mastodon.maintenance.storage.root", media.toString());
		properties.put("mastodon.maintenance.cache-redis-url", "redis://127.0.0.1:" + redisPort + "/0");
		// one card per chunk, so that a run lasts long enough to watch its progress
		properties.put("mastodon.maintenance.levels.preview-cards-remove.batch-size", "1");
		properties.put("mastodon.maintenance.console.enabled", true);
		// a schedule that shows its next run without starting one while the test runs
		properties.put("mastodon.maintenance.schedule.cron", "0 0 4 29 2 *");
		properties.put("mastodon.maintenance.schedule.zone", "UTC");
		properties.put("mastodon.maintenance.schedule.dry-run", true);
		properties.put("mastodon.maintenance.console.notice",
				"Browser test: a test database with " + CARDS + " old preview cards.");
		properties.put("mastodon.operator.console.username", USER);
		properties.put("mastodon.operator.console.password", PASSWORD);
		app = new SpringApplicationBuilder(OperatorApplication.class).properties(properties).run();
		base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port") + "/maintenance";
		browser = chromium();
		String target = System.getProperty("console.screenshots");
		screenshots = (target != null && !target.isBlank()) ? Path.of(target) : Path.of("target/screenshots");
		Files.createDirectories(screenshots);
	}

	private static void seed() {
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(media);
		for (int i = 0; i < CARDS; i++) {
			String image = String.format("%016x.jpeg", 0xa1b2c3d4e5f60000L + i);
			long id = data.previewCard("https://news.example/articles/" + i)
				.type((i % 3 == 0) ? CardType.PHOTO : CardType.LINK)
				.image(image, 48_000 + i)
				.createdAt(daysAgo(200 + i))
				.updatedAt(daysAgo(200 + i))
				.insert()
				.id();
			files.write(AttachmentKey.of(true, "preview_cards", "images", id, "original", image), 48_000 + i);
		}
		// old remote statuses nobody here interacted with: statuses remove takes them, in
		// two partitions when asked (one partition per range of ids that holds a status)
		Account author = data.remoteAccount("alice", "remote.example").insert();
		oldStatus = data.status(author).remote().createdAt(daysAgo(400)).insert().id();
		data.status(author).remote().createdAt(daysAgo(399)).insert();
	}

	private static RedisServer startRedis() throws Exception {
		RedisServer server = RedisServer.newRedisServer()
			.port(redisPort)
			.bind("127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		server.start();
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort + "/0");
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			for (int i = 0; i < 50; i++) {
				connection.sync().set("cache:v3:statuses/" + i, "x");
			}
		}
		finally {
			client.shutdown();
		}
		return server;
	}

	private static WebDriver chromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--user-data-dir=" + browserProfile, "--window-size=1280,1400");
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		WebDriver driver = new ChromeDriver(service, options);
		driver.manage().window().setSize(new Dimension(1280, 1400));
		return driver;
	}

	@AfterAll
	static void stop() throws Exception {
		if (browser != null) {
			browser.quit();
		}
		if (app != null) {
			app.close();
		}
		if (redis != null && redis.isActive()) {
			redis.stop();
		}
	}

	@Test
	void signInLaunchDryRunSeeFailureRestartIt() throws Exception {
		try {
			signInLaunchDryRunSeeFailureRestart();
		}
		catch (Exception | AssertionError ex) {
			// what the browser showed when it went wrong, beside the test report
			Files.writeString(Path.of("target/console-failure.html"), browser.getPageSource());
			screenshot("console-failure");
			throw ex;
		}
	}

	private void signInLaunchDryRunSeeFailureRestart() throws Exception {
		browser.get(base);
		assertThat(browser.getCurrentUrl()).endsWith("/maintenance/login");
		screenshot("console-login");
		browser.findElement(By.id("username")).sendKeys(USER);
		browser.findElement(By.id("password")).sendKeys(PASSWORD);
		browser.findElement(By.id("sign-in")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("launch-form")));

		assertThat(text("schedule-cron")).isEqualTo("0 0 4 29 2 *");
		assertThat(text("next-run")).matches("20\\d\\d-02-29 04:00:00 UTC");

		// a dry run of two levels, its page following it while it runs
		check("level-cache-clear");
		check("level-preview-cards-remove");
		assertThat(browser.findElement(By.id("dry-run")).isSelected()).isTrue();
		browser.findElement(By.id("launch-button")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("status")));
		assertThat(text("message")).startsWith("Started execution").contains("(dry run)");
		long dryRun = executionIdShown();
		followedWithoutReload();
		// the bar is shown while the run lasts (a few seconds here): take it when the
		// estimate is there
		new WebDriverWait(browser, Duration.ofSeconds(60)).until((driver) -> progressShown() || finished());
		screenshot("console-progress");
		waitForStatus("COMPLETED");
		assertThat(text("step-preview-cards-remove")).contains("Removed media from " + CARDS + " preview cards")
			.contains("(DRY RUN)");
		assertThat(text("step-cache-clear")).contains("OK: removed 50 Rails cache keys (DRY RUN)");
		assertThat(imageCount()).isEqualTo(CARDS);
		assertThat(text("operator-actions")).startsWith("launched by " + USER + " (console, ");
		assertThat(browser.findElement(By.cssSelector("#steps thead")).getText()).contains("Would free")
			.doesNotContain("Freed");
		assertThat(browser.findElement(By.cssSelector("dl.facts")).getText()).contains("Would remove")
			.doesNotContain("Removed\n");
		String predicted = text("removed");
		assertThat(predicted).startsWith((CARDS + 50) + " rows, " + CARDS + " stored objects, ");
		screenshot("console-execution-completed");

		// the same options for real: confirmed against the dry run's prediction, followed
		// from the list
		browser.get(base);
		check("level-cache-clear");
		check("level-preview-cards-remove");
		browser.findElement(By.id("dry-run")).click();
		browser.findElement(By.id("launch-button")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("confirm-real-run")));
		assertThat(imageCount()).as("nothing removed before the confirmation").isEqualTo(CARDS);
		assertThat(browser.findElement(By.id("prediction-link")).getAttribute("href"))
			.endsWith("/maintenance/executions/" + dryRun);
		assertThat(text("prediction-total")).isEqualTo(predicted);
		assertThat(text("prediction-preview-cards-remove")).contains("Removed media from " + CARDS + " preview cards");
		screenshot("console-confirm-real-run");
		browser.findElement(By.id("confirm-real-run")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("status")));
		long real = executionIdShown();
		browser.get(base);
		// the list follows the run without being reloaded (the run lasts a few seconds)
		assertThat(text("running")).contains("Execution " + real + " is running");
		markPage();
		new WebDriverWait(browser, Duration.ofSeconds(90))
			.until((driver) -> driver.findElements(By.id("running")).isEmpty());
		assertThat(pageMarked()).as("the list refreshed in place").isTrue();
		assertThat(text("execution-" + real)).contains("COMPLETED").contains(USER).doesNotContain("would");
		assertThat(text("execution-" + dryRun)).contains("would remove " + (CARDS + 50)).contains("would free");
		browser.get(base + "/executions/" + real);
		waitForStatus("COMPLETED");
		assertThat(text("removed")).as("what the real run removed is what the dry run predicted").isEqualTo(predicted);
		assertThat(text("step-preview-cards-remove")).contains("Removed media from " + CARDS + " preview cards")
			.doesNotContain("DRY RUN");
		assertThat(imageCount()).isZero();
		assertThat(text("operator-actions")).startsWith("launched by " + USER + " (console, ");
		screenshot("console-execution-real");

		// an option tootctl refuses comes back on the form with tootctl's message
		browser.get(base);
		check("level-media-remove");
		check("option-media-remove-prune-profiles");
		check("option-media-remove-remove-headers");
		browser.findElement(By.id("launch-button")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("launch-error")));
		assertThat(text("launch-error"))
			.contains("--prune-profiles and --remove-headers should not be specified simultaneously");
		assertThat(browser.findElement(By.id("option-media-remove-prune-profiles")).isSelected()).isTrue();
		screenshot("console-launch-refused");

		// Redis goes down: the cache level fails, and the run can be restarted
		redis.stop();
		browser.get(base);
		check("level-cache-clear");
		browser.findElement(By.id("launch-button")).click();
		waitForStatus("FAILED");
		long failed = executionIdShown();
		assertThat(text("step-cache-clear")).contains("FAILED").contains("Cannot reach the Rails cache Redis");
		assertThat(browser.findElement(By.cssSelector("#trace-cache-clear pre.trace")).getText())
			.contains("at dev.mastodonmaintenance.cache.RailsCache");
		assertThat(browser.findElements(By.id("restart"))).hasSize(1);
		assertThat(browser.findElements(By.id("abandon"))).hasSize(1);
		screenshot("console-execution-failed");

		redis = startRedis();
		browser.findElement(By.id("restart")).click();
		// the page reloads itself once the restarted run ends, keeping the notice: read
		// it whenever it is there
		String notice = new WebDriverWait(browser, Duration.ofSeconds(30))
			.ignoring(StaleElementReferenceException.class)
			.until((driver) -> {
				List<WebElement> found = driver.findElements(By.id("message"));
				return found.isEmpty() ? null : found.get(0).getText();
			});
		assertThat(notice).startsWith("Restarted execution " + failed + " as execution");
		waitForStatus("COMPLETED");
		assertThat(text("message")).startsWith("Restarted execution " + failed + " as execution");
		assertThat(executionIdShown()).isGreaterThan(failed);
		assertThat(text("operator-actions")).startsWith("restarted by " + USER + " (console, ");
		assertThat(text("step-cache-clear")).contains("OK: removed 50 Rails cache keys (DRY RUN)");

		browser.get(base);
		assertThat(text("execution-" + failed)).contains("FAILED");
		assertThat(browser.findElements(By.cssSelector("#chart-real svg.history rect.bar")).size())
			.isGreaterThanOrEqualTo(2);
		screenshot("console-executions");
		browser.findElement(By.cssSelector("label[for=show-dry]")).click();
		assertThat(browser.findElement(By.id("chart-dry")).getText()).contains("Would free");
		assertThat(browser.findElement(By.id("chart-real")).isDisplayed()).isFalse();
		screenshot("console-executions-dry-runs");

		// the real run's own lines, and what it removed in the deletion manifest
		browser.get(base + "/executions/" + real);
		browser.findElement(By.id("log-link")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("log")));
		assertThat(text("log")).contains("Removed media from " + CARDS + " preview cards");
		screenshot("console-run-log");
		browser.get(base + "/executions/" + real);
		browser.findElement(By.id("manifest-link")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("manifest")));
		assertThat(text("tally")).contains("preview-cards-remove");
		screenshot("console-manifest");

		// a status removed for real by a level cut into partitions: its page draws them
		// as
		// they run (one held back by a lock on its status, as a local user's favourite
		// being added would hold it), then lists them under the level; the status is then
		// found by its id across runs: when, by which run and level
		browser.get(base);
		check("level-statuses-remove");
		type("option-statuses-remove-grid-size", "2");
		browser.findElement(By.id("dry-run")).click();
		browser.findElement(By.id("launch-button")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("no-prediction")));
		long statusesRun;
		try (Connection hold = db.dataSource().getConnection()) {
			hold.setAutoCommit(false);
			try (PreparedStatement lock = hold.prepareStatement("SELECT id FROM statuses WHERE id = ? FOR UPDATE")) {
				lock.setLong(1, oldStatus);
				lock.executeQuery().close();
			}
			browser.findElement(By.id("confirm-real-run")).click();
			waitFor(ExpectedConditions.presenceOfElementLocated(By.id("status")));
			statusesRun = executionIdShown();
			markPage();
			String held = new WebDriverWait(browser, Duration.ofSeconds(60))
				.ignoring(StaleElementReferenceException.class)
				.until((driver) -> {
					String shown = driver.findElements(By.id("partitions-statuses-remove"))
						.stream()
						.map(WebElement::getText)
						.findFirst()
						.orElse("");
					return shown.contains("2 partitions: 1 completed, 1 started") ? shown : null;
				});
			assertThat(pageMarked()).as("the partitions were drawn in place").isTrue();
			assertThat(held).contains("(pid " + ProcessHandle.current().pid() + ")");
			screenshot("console-partitions-running");
			hold.rollback();
		}
		waitForStatus("COMPLETED");
		browser.findElement(By.cssSelector("#partitions-statuses-remove summary")).click();
		assertThat(text("partitions-statuses-remove")).matches("(?s)2 partitions: 2 completed.*");
		assertThat(browser.findElements(By.cssSelector("#partitions-statuses-remove tbody tr"))).hasSize(2)
			.allSatisfy((row) -> assertThat(row.getText()).contains("COMPLETED")
				.contains("(pid " + ProcessHandle.current().pid() + ")"));
		assertThat(text("partition-statuses-remove-0")).contains("ids up to ");
		screenshot("console-partitions");
		browser.get(base + "/manifest");
		new Select(browser.findElement(By.id("search-by"))).selectByValue("status");
		browser.findElement(By.id("search-q")).sendKeys(String.valueOf(oldStatus));
		browser.findElement(By.id("search-go")).click();
		waitFor(ExpectedConditions.presenceOfElementLocated(By.id("found")));
		assertThat(text("found")).contains(String.valueOf(statusesRun)).contains("statuses-remove").contains("removed");
		screenshot("console-manifest-search");
	}

	/**
	 * While the run goes, its page changes in place: the bar's line and the levels' rows
	 * change without the page being loaded again, and the header never contradicts the
	 * bar.
	 */
	private static void followedWithoutReload() {
		markPage();
		List<String> seen = new ArrayList<>();
		new WebDriverWait(browser, Duration.ofSeconds(60)).ignoring(StaleElementReferenceException.class)
			.until((driver) -> {
				if (!pageMarked()) {
					throw new AssertionError("the run ended before its page was seen changing; seen: " + seen);
				}
				String bar = text("progress-text");
				if (bar.startsWith("Step")) {
					assertThat(text("status")).as("the header agrees with the bar").isIn("STARTED", "STOPPING");
					assertThat(text("started")).as("a started run shows its start").isNotEqualTo("–");
				}
				if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(bar)) {
					seen.add(bar);
				}
				// two lines seen on a page never reloaded: it changed in place (more
				// would race a fast run)
				return seen.size() >= 2 && bar.contains("preview-cards-remove")
						&& !browser.findElements(By.id("step-preview-cards-remove")).isEmpty();
			});
		assertThat(text("step-preview-cards-remove")).contains("STARTED");
		assertThat(pageMarked()).as("the page changed in place").isTrue();
	}

	private static void type(String id, String value) {
		WebElement field = browser.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
	}

	private static void markPage() {
		((JavascriptExecutor) browser).executeScript("window.consoleTestMark = 'not reloaded';");
	}

	private static boolean pageMarked() {
		return "not reloaded".equals(((JavascriptExecutor) browser).executeScript("return window.consoleTestMark;"));
	}

	private static boolean progressShown() {
		List<WebElement> text = browser.findElements(By.id("progress-text"));
		return !text.isEmpty() && text.get(0).getText().contains("of ~");
	}

	private static boolean finished() {
		List<WebElement> status = browser.findElements(By.id("status"));
		return !status.isEmpty() && !status.get(0).getText().startsWith("START");
	}

	private static void check(String id) {
		WebElement box = browser.findElement(By.id(id));
		if (!box.isSelected()) {
			box.click();
		}
	}

	private static String text(String id) {
		return browser.findElement(By.id(id)).getText();
	}

	private static long executionIdShown() {
		return Long.parseLong(browser.findElement(By.cssSelector("h1 > span")).getText());
	}

	private static void waitForStatus(String status) {
		new WebDriverWait(browser, Duration.ofSeconds(90)).until(ExpectedConditions.textToBe(By.id("status"), status));
	}

	private static <T> void waitFor(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
		new WebDriverWait(browser, Duration.ofSeconds(30)).until(condition);
	}

	private static long imageCount() {
		return db.jdbc()
			.queryForObject("SELECT count(*) FROM preview_cards WHERE image_file_name IS NOT NULL", Long.class);
	}

	private static void screenshot(String name) throws Exception {
		File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), screenshots.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
