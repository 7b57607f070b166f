package dev.mastodonmaintenance.batch.media;

import java.util.List;

import dev.mastodonmaintenance.storage.ObjectToRemove;

/**
 * What one window of rows gave up: how many rows tootctl would have visited, the rows
 * changed, their stored files and the sizes their rows recorded.
 *
 * @param visited rows visited, tootctl's "processed"
 * @param ids the rows changed (or selected, in a dry run)
 * @param files their stored files
 * @param recordedBytes the sizes their rows recorded, added up
 * @param statusIds statuses whose cached rendering names the changed rows
 */
record TakenFiles(long visited, List<Long> ids, List<ObjectToRemove> files, long recordedBytes, List<Long> statusIds) {
}
