/**
 * The {@code statuses-remove} level: {@code tootctl statuses remove}.
 */
@NullMarked
package dev.mastodonmaintenance.batch.statuses;

import org.jspecify.annotations.NullMarked;
