package dev.mastodonmaintenance.boot.log;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line an execution's levels logged.
 *
 * @param executionId the execution
 * @param step the step (level) that was running, {@code null} outside the levels
 * @param severity {@code INFO}, {@code WARN} or {@code ERROR}
 * @param at when it was logged
 * @param message the line, as logged (cut at {@value RunLog#MAX_LENGTH} characters)
 */
public record RunLogLine(long executionId, @Nullable String step, String severity, Instant at, String message) {

}
