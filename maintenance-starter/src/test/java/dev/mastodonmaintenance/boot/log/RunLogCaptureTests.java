package dev.mastodonmaintenance.boot.log;

import java.util.List;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import dev.mastodonmaintenance.batch.schema.MaintenanceSchema;
import dev.mastodonmaintenance.boot.MaintenanceRun;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.testing.Await;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.boot.testing.SteppingLevel;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-run log keeps the lines a run's levels logged, with the level that was running,
 * even when the console shows warnings only; lines logged outside a run, or by another
 * library below a warning, are not its; an execution keeps at most
 * {@link RunLog#MAX_LINES} lines, the last one saying how many more it logged.
 */
class RunLogCaptureTests {

	private static MastodonDatabase db;

	private final ApplicationContextRunner runner = StarterContexts.host(db)
		.withConfiguration(AutoConfigurations.of(MastodonMaintenanceRunLogAutoConfiguration.class))
		.withBean("steppingLevel", SteppingLevel.class, () -> new SteppingLevel(db.jdbc()));

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(RunLogCaptureTests.class);
		StarterDatabase.previewCards(db, 30);
	}

	@Test
	void aRunKeepsItsLevelsLinesWhileTheConsoleShowsWarningsOnly() {
		Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
		Level configured = root.getLevel();
		root.setLevel(Level.WARN);
		try {
			this.runner.run((context) -> {
				MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
				context.getBean(SteppingLevel.class).allowAll();
				LogFactory.getLog("dev.mastodonmaintenance.elsewhere").warn("Not during a run");
				long id = maintenance.start(RunRequest.of(dev.mastodonmaintenance.batch.Level.PREVIEW_CARDS_REMOVE));
				Await.until("the run ended", () -> !maintenance.execution(id).orElseThrow().summary().running());

				List<RunLogLine> lines = context.getBean(RunLog.class).of(id);
				assertThat(maintenance.execution(id).orElseThrow().summary().status()).isEqualTo(BatchStatus.COMPLETED);
				assertThat(lines).anySatisfy((line) -> {
					assertThat(line.severity()).isEqualTo("INFO");
					assertThat(line.step()).isEqualTo("preview-cards-remove");
					assertThat(line.message()).isEqualTo("preview-cards-remove: Visited 30 preview cards");
				});
				assertThat(lines).noneSatisfy((line) -> assertThat(line.message()).contains("Not during a run"));
				assertThat(context.getBean(RunLog.class).of(id + 1000)).isEmpty();
			});
		}
		finally {
			root.setLevel(configured);
		}
	}

	@Test
	void anExecutionKeepsAtMostItsBoundAndSaysHowManyMoreItLogged() {
		new MaintenanceSchema(db.dataSource(), "mastodon_maintenance").migrate();
		RunLog log = new RunLog(new JdbcTemplate(db.dataSource()), "mastodon_maintenance");
		RunLogCapture capture = new RunLogCapture(log, (LoggerContext) LoggerFactory.getILoggerFactory());
		MaintenanceRun run = new MaintenanceRun(424242, 1, false, Set.of(), BatchStatus.STARTED, null, null, List.of());
		org.apache.commons.logging.Log logger = LogFactory.getLog("dev.mastodonmaintenance.batch.Test");
		capture.start();
		try {
			capture.runStarting(run);
			MDC.put(RunLog.MDC_EXECUTION, "424242");
			for (int i = 1; i <= RunLog.MAX_LINES + 5; i++) {
				logger.warn("line " + i);
			}
			LogFactory.getLog("org.example.Library").info("a library's information");
			MDC.remove(RunLog.MDC_EXECUTION);
			capture.runEnded(run);
		}
		finally {
			capture.stop();
		}

		List<RunLogLine> lines = log.of(424242);
		assertThat(lines).hasSize(RunLog.MAX_LINES + 1);
		assertThat(lines.get(0).message()).isEqualTo("line 1");
		assertThat(lines.get(RunLog.MAX_LINES - 1).message()).isEqualTo("line " + RunLog.MAX_LINES);
		assertThat(lines.get(RunLog.MAX_LINES).message())
			.isEqualTo("5 more lines were not kept: the log keeps the first 1000 of an execution");
	}

}
