/**
 * The {@code cache-clear} level: {@code tootctl cache clear}.
 */
@NullMarked
package dev.mastodonmaintenance.batch.cache;

import org.jspecify.annotations.NullMarked;
