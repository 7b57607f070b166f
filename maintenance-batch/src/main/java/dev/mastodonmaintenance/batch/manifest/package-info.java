/**
 * The deletion manifest: a record, per run, of what was removed or would be in a dry run,
 * and the queue of stored objects waiting to be removed after their rows changed.
 */
@NullMarked
package dev.mastodonmaintenance.batch.manifest;

import org.jspecify.annotations.NullMarked;
