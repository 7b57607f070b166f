/**
 * The {@code media-remove-orphans} level: {@code tootctl media remove-orphans}.
 */
@NullMarked
package dev.mastodonmaintenance.batch.orphans;

import org.jspecify.annotations.NullMarked;
