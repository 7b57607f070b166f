package dev.mastodonmaintenance.boot.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.testing.StarterContexts;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/**
 * A host application's run, made inside the class loader of
 * {@link WithoutOptionalClientsTests}, which has neither the AWS SDK nor Lettuce: only
 * strings cross between the two loaders.
 */
public final class WithoutOptionalClientsProbe {

	private WithoutOptionalClientsProbe() {
	}

	/**
	 * Starts a host application and runs levels to their end.
	 * @param properties the application's properties
	 * @param levels the levels' step names
	 * @return the run's status, then a line per step
	 * ({@code name exit-code: description}); or {@code failed: } and the innermost
	 * message when the application did not start
	 */
	public static List<String> run(String[] properties, String[] levels) {
		List<String> lines = new ArrayList<>();
		StarterContexts.host(properties)
			.withClassLoader(WithoutOptionalClientsProbe.class.getClassLoader())
			.withBean("mastodonMaintenanceTaskExecutor", TaskExecutor.class, SyncTaskExecutor::new, (definition) -> {
				((AbstractBeanDefinition) definition).setDefaultCandidate(false);
				((AbstractBeanDefinition) definition)
					.addQualifier(new AutowireCandidateQualifier(MastodonMaintenanceBatch.class));
			})
			.run((context) -> {
				Throwable failure = context.getStartupFailure();
				if (failure != null) {
					while (failure.getCause() != null) {
						failure = failure.getCause();
					}
					lines.add("failed: " + failure);
					return;
				}
				MastodonMaintenance maintenance = context.getBean(MastodonMaintenance.class);
				long id = maintenance
					.start(RunRequest.of(Arrays.stream(levels).map(Level::ofStepName).toArray(Level[]::new)));
				ExecutionDetails details = maintenance.execution(id).orElseThrow();
				lines.add(details.summary().status().name());
				details.steps()
					.forEach((step) -> lines.add(step.name() + " " + step.exitCode() + ": " + step.exitDescription()));
			});
		return lines;
	}

}
