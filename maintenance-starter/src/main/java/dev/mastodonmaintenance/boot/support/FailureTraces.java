package dev.mastodonmaintenance.boot.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Keeps the full stack traces of an execution's failures. Spring Batch cuts exit
 * descriptions (where it writes traces) to 2500 characters; the job execution's context
 * has no such limit. Traces are kept under {@code failure.job} and
 * {@code failure.step.<step execution id>}, and dropped from the context a restart
 * inherits, so each execution shows its own.
 */
final class FailureTraces {

	static final String PREFIX = "failure.";

	static final String JOB = PREFIX + "job";

	static final String STEP = PREFIX + "step.";

	private FailureTraces() {
	}

	static void clear(ExecutionContext context) {
		context.toMap().keySet().stream().filter((key) -> key.startsWith(PREFIX)).toList().forEach(context::remove);
	}

	/**
	 * Records the failures of an ended execution in its context.
	 * @param execution the execution, with its step executions
	 * @return whether anything was recorded
	 */
	static boolean record(JobExecution execution) {
		boolean recorded = put(execution.getExecutionContext(), JOB, execution.getFailureExceptions());
		for (StepExecution step : execution.getStepExecutions()) {
			recorded |= put(execution.getExecutionContext(), STEP + step.getId(), step.getFailureExceptions());
		}
		return recorded;
	}

	static List<String> ofJob(ExecutionContext context) {
		return read(context, JOB);
	}

	static List<String> ofStep(ExecutionContext context, long stepExecutionId) {
		return read(context, STEP + stepExecutionId);
	}

	private static boolean put(ExecutionContext context, String key, List<Throwable> failures) {
		if (failures.isEmpty()) {
			return false;
		}
		context.put(key, new ArrayList<>(failures.stream().map(FailureTraces::trace).toList()));
		return true;
	}

	@SuppressWarnings("unchecked")
	private static List<String> read(ExecutionContext context, String key) {
		Object value = context.get(key);
		return (value instanceof List<?> list) ? List.copyOf((List<String>) list) : List.of();
	}

	private static String trace(Throwable failure) {
		StringWriter writer = new StringWriter();
		failure.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

}
