package dev.mastodonmaintenance.operator.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.LevelFigures;
import dev.mastodonmaintenance.boot.PartitionDetails;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.StepDetails;
import dev.mastodonmaintenance.boot.audit.OperatorAction;
import org.jspecify.annotations.Nullable;

/**
 * The JSON documents of {@code --json}, with the field names the operator guide documents
 * ("JSON output"): scripts rely on them, so a field is added, never renamed. Times are
 * ISO-8601 instants in UTC, durations whole milliseconds, sizes bytes; an unknown value
 * is {@code null}.
 */
final class ExecutionDocuments {

	private ExecutionDocuments() {
	}

	/**
	 * A page of {@code executions}.
	 * @param page the page
	 * @return its document
	 */
	static Map<String, Object> page(ExecutionPage page) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("page", page.page());
		document.put("size", page.size());
		document.put("total", page.total());
		document.put("totalPages", page.totalPages());
		document.put("executions", page.executions().stream().map(ExecutionDocuments::summary).toList());
		return document;
	}

	/**
	 * One execution as {@code executions} lists it.
	 * @param summary the execution
	 * @return its document
	 */
	static Map<String, Object> summary(ExecutionSummary summary) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("id", summary.id());
		document.put("runId", summary.instanceId());
		document.put("status", summary.status().name());
		document.put("exitCode", summary.exitCode());
		document.put("dryRun", summary.dryRun());
		document.put("levels", levels(summary));
		document.put("createTime", time(summary.createTime()));
		document.put("startTime", time(summary.startTime()));
		document.put("endTime", time(summary.endTime()));
		document.put("durationMillis", millis(summary.duration()));
		document.put("totals", figures(summary.totals()));
		return document;
	}

	/**
	 * One execution with its levels, as {@code status} shows it and a run reports it.
	 * @param details the execution
	 * @param actions what operators did to it
	 * @param progress how far it is while it runs
	 * @return its document
	 */
	static Map<String, Object> details(ExecutionDetails details, List<OperatorAction> actions,
			@Nullable Progress progress) {
		Map<String, Object> document = summary(details.summary());
		document.put("exitDescription", details.exitDescription());
		document.put("mastodonSchema", details.mastodonSchema());
		document.put("parameters", details.summary().parameters());
		document.put("operatorActions", actions.stream().map(ExecutionDocuments::action).toList());
		document.put("progress", (progress != null) ? progress(progress) : null);
		document.put("steps", details.steps().stream().map(ExecutionDocuments::step).toList());
		document.put("failures", details.failures());
		return document;
	}

	private static List<String> levels(ExecutionSummary summary) {
		return (summary.levels().isEmpty() ? List.of(Level.values()) : List.copyOf(summary.levels())).stream()
			.map(Level::stepName)
			.toList();
	}

	private static Map<String, Object> action(OperatorAction action) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("action", action.kind().name().toLowerCase(Locale.ROOT));
		document.put("operator", action.operator());
		document.put("at", time(action.at()));
		return document;
	}

	private static Map<String, Object> progress(Progress progress) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("step", progress.stepName());
		document.put("stepNumber", progress.stepNumber());
		document.put("stepCount", progress.stepCount());
		document.put("phase", progress.phase());
		document.put("processed", progress.processed());
		document.put("estimatedTotal", progress.estimatedTotal());
		document.put("fraction", progress.fraction());
		document.put("perSecond", progress.perSecond());
		document.put("remainingMillis", millis(progress.remaining()));
		return document;
	}

	private static Map<String, Object> step(StepDetails step) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("id", step.id());
		document.put("name", step.name());
		document.put("status", step.status().name());
		document.put("exitCode", step.exitCode());
		document.put("skipped", "NOOP".equals(step.exitCode()));
		document.put("startTime", time(step.startTime()));
		document.put("endTime", time(step.endTime()));
		document.put("durationMillis", millis(step.duration()));
		document.put("readCount", step.readCount());
		document.put("writeCount", step.writeCount());
		document.put("skipCount", step.skipCount());
		document.put("commitCount", step.commitCount());
		document.put("rollbackCount", step.rollbackCount());
		document.put("figures", figures(step.figures()));
		String text = (step.summary() != null) ? step.summary() : step.exitDescription();
		document.put("summary", text.lines().filter((line) -> !line.isBlank()).toList());
		document.put("failures", step.failures());
		document.put("partitions", step.partitions().stream().map(ExecutionDocuments::partition).toList());
		return document;
	}

	private static Map<String, Object> partition(PartitionDetails partition) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("number", partition.number());
		document.put("share", partition.share());
		document.put("node", partition.node());
		document.put("executionId", partition.executionId());
		document.put("status", partition.status().name());
		document.put("startTime", time(partition.startTime()));
		document.put("endTime", time(partition.endTime()));
		document.put("durationMillis", millis(partition.duration()));
		document.put("readCount", partition.readCount());
		document.put("writeCount", partition.writeCount());
		document.put("fraction", partition.fraction());
		document.put("phase", partition.phase());
		return document;
	}

	private static Map<String, Object> figures(LevelFigures figures) {
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("rowsVisited", figures.rowsVisited());
		document.put("rowsChanged", figures.rowsChanged());
		document.put("rowsCascaded", figures.rowsCascaded());
		document.put("objectsRemoved", figures.objectsRemoved());
		document.put("objectsFailed", figures.objectsFailed());
		document.put("bytesStorage", figures.bytesStorage());
		document.put("bytesRecorded", figures.bytesRecorded());
		document.put("bytesFreed", figures.bytesFreed());
		return document;
	}

	static @Nullable String time(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static @Nullable Long millis(@Nullable Duration duration) {
		return (duration != null) ? duration.toMillis() : null;
	}

}
