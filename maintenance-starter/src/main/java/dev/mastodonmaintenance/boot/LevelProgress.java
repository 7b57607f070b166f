package dev.mastodonmaintenance.boot;

import dev.mastodonmaintenance.batch.Level;

/**
 * What one committed chunk of a level did, as a {@link MaintenanceRunListener} is told of
 * it.
 *
 * @param executionId the execution
 * @param level the level
 * @param dryRun whether the run removes nothing (the figures then say what it would
 * remove)
 * @param added what this chunk added to the level's figures
 * @param figures the level's figures once this chunk committed; for a chunk of one
 * partition of a partitioned level, that partition's figures
 */
public record LevelProgress(long executionId, Level level, boolean dryRun, LevelFigures added, LevelFigures figures) {

}
