/**
 * The {@code media-remove} level: {@code tootctl media remove}.
 */
@NullMarked
package dev.mastodonmaintenance.batch.media;

import org.jspecify.annotations.NullMarked;
