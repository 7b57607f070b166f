package dev.mastodonmaintenance.boot;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One execution with its steps, for an execution's page.
 *
 * @param summary the execution as listed
 * @param exitDescription the job's exit description
 * @param steps its steps in the order they ran
 * @param failures the full stack traces of job-level failures, oldest first
 * @param actions what can be done with it now
 * @param mastodonSchema the Mastodon schema the run found as it started, such as
 * {@code Mastodon 4.6 schema (2026_06_11_150940)}; {@code null} before it started or for
 * a run of an earlier version
 */
public record ExecutionDetails(ExecutionSummary summary, String exitDescription, List<StepDetails> steps,
		List<String> failures, Actions actions, @Nullable String mastodonSchema) {

	public ExecutionDetails {
		steps = List.copyOf(steps);
		failures = List.copyOf(failures);
	}

	/**
	 * The operations of {@link MastodonMaintenance} that the execution's state allows.
	 *
	 * @param stop whether it is running on a live node, so
	 * {@link MastodonMaintenance#stop} applies
	 * @param restart whether it failed or stopped and is the last of its run, so
	 * {@link MastodonMaintenance#restart} applies
	 * @param abandon whether it failed or stopped, so {@link MastodonMaintenance#abandon}
	 * applies
	 * @param recover whether it is marked running although no node runs it (its JVM was
	 * killed), so {@link MastodonMaintenance#recover} applies
	 */
	public record Actions(boolean stop, boolean restart, boolean abandon, boolean recover) {

	}

}
