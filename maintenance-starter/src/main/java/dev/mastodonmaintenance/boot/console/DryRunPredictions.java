package dev.mastodonmaintenance.boot.console;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.Partitioning;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import org.springframework.batch.core.BatchStatus;

/**
 * Finds what a dry run predicted for a real run about to be launched: the latest
 * completed dry run of the same levels whose options mean the same. An option left out
 * counts as its default, the configured one ({@code mastodon.maintenance.levels.*}, which
 * the job records with each run) where there is one, else tootctl's; so a dry run
 * launched with {@code days=7} predicts a run launched with the default of 7.
 */
final class DryRunPredictions {

	/** How many of the latest completed runs are looked through. */
	private static final int LOOKED_THROUGH = 200;

	private final MastodonMaintenance maintenance;

	private final Map<String, String> configured;

	/**
	 * Creates the look-up.
	 * @param maintenance the facade
	 * @param configured the configured level options by job parameter name
	 * ({@code media-remove.days})
	 */
	DryRunPredictions(MastodonMaintenance maintenance, Map<String, String> configured) {
		this.maintenance = maintenance;
		this.configured = Map.copyOf(configured);
	}

	/**
	 * The latest completed dry run that predicts the request.
	 * @param request the real run about to be launched
	 * @return that dry run, empty when none completed
	 */
	Optional<ExecutionSummary> of(RunRequest request) {
		List<ExecutionSummary> completed = this.maintenance
			.executions(ExecutionQuery.firstPage().withStatuses(BatchStatus.COMPLETED).page(0, LOOKED_THROUGH))
			.executions();
		return completed.stream().filter(ExecutionSummary::dryRun).filter((run) -> predicts(run, request)).findFirst();
	}

	private boolean predicts(ExecutionSummary dryRun, RunRequest request) {
		Set<Level> levels = all(request.levels());
		if (!all(dryRun.levels()).equals(levels)) {
			return false;
		}
		for (Level level : levels) {
			Map<String, Object> given = request.options().getOrDefault(level, Map.of());
			for (LaunchOption option : LaunchOption.ALL.get(level)) {
				if (Partitioning.NAMES.contains(option.name())) {
					// how the work is cut changes nothing of what it removes
					continue;
				}
				Object value = given.get(option.name());
				String wanted = (value != null) ? String.valueOf(value) : this.configured.get(option.parameter());
				if (!option.same(dryRun.parameters().get(option.parameter()), wanted)) {
					return false;
				}
			}
		}
		return true;
	}

	private static Set<Level> all(Set<Level> levels) {
		return levels.isEmpty() ? EnumSet.allOf(Level.class) : levels;
	}

}
