package dev.mastodonmaintenance.batch.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.MastodonServer;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * Our {@code statuses-remove} step with its default options, in the maintenance job wired as the starter wires
 * it (our schema migrated first, the JDBC job repository in it), launched with {@code levels=statuses-remove}.
 * Run as a process of its own by {@link StatusesRemoveBenchmark}, so that its time includes the JVM start.
 */
public final class OurStatusesRemove {

	private OurStatusesRemove() {
	}

	/**
	 * Runs the step and prints its result line.
	 * @param args JDBC URL, user, storage root, the run's instant (ISO-8601), then job parameters to add
	 * ({@code name=value})
	 */
	public static void main(String[] args) throws Exception {
		try (HikariDataSource pool = StatusesRemoveBenchmark.pool(args[0], args[1], 4)) {
			StatementClock clock = new StatementClock(pool);
			JobHarness harness = JobHarness
				.on(new MastodonServer(clock, new FilesystemStorage(Path.of(args[2])), null, List.of()));
			List<String> parameters = new ArrayList<>(List.of("levels=statuses-remove", "run.at=" + args[3]));
			parameters.addAll(List.of(args).subList(4, args.length));
			JobExecution execution = harness.run(parameters.toArray(String[]::new));
			if (execution.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("statuses-remove ended " + execution.getStatus() + ": "
						+ execution.getAllFailureExceptions());
			}
			StepExecution step = harness.step(execution, Level.STATUSES_REMOVE);
			System.out.println(step.getExitStatus().getExitDescription().strip());
			long statuses = step.getExecutionContext().getLong("statuses-remove.statuses.removed");
			long candidates = step.getExecutionContext().getLong("statuses-remove.statuses.candidates");
			long media = step.getExecutionContext().getLong("statuses-remove.media.removed");
			long conversations = step.getExecutionContext().getLong("statuses-remove.conversations.removed");
			System.out.println(StatusesRemoveBenchmark.result(statuses, candidates, media, conversations, clock));
		}
	}

}
