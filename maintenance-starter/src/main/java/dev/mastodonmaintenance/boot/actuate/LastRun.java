package dev.mastodonmaintenance.boot.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MastodonMaintenance;

/**
 * The newest execution as the health and info endpoints show it.
 */
final class LastRun {

	private LastRun() {
	}

	static Map<String, Object> details(MastodonMaintenance maintenance) {
		Map<String, Object> details = new LinkedHashMap<>();
		maintenance.lastExecution()
			.ifPresentOrElse((execution) -> details.put("lastExecution", describe(execution)),
					() -> details.put("lastExecution", "none"));
		return details;
	}

	private static Map<String, Object> describe(ExecutionSummary execution) {
		Map<String, Object> described = new LinkedHashMap<>();
		described.put("id", execution.id());
		described.put("status", execution.status().name());
		described.put("exitCode", execution.exitCode());
		described.put("startTime", String.valueOf(execution.startTime()));
		described.put("endTime", String.valueOf(execution.endTime()));
		described.put("levels", execution.levels().stream().map(Level::stepName).toList());
		described.put("dryRun", execution.dryRun());
		described.put("rowsRemoved", execution.totals().rowsChanged());
		described.put("objectsRemoved", execution.totals().objectsRemoved());
		described.put("bytesFreed", execution.totals().bytesFreed());
		return described;
	}

}
