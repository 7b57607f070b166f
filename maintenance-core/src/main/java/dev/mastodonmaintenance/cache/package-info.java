/**
 * Mastodon's Rails cache in Redis: keys under the {@code cache:} namespace.
 */
@NullMarked
package dev.mastodonmaintenance.cache;

import org.jspecify.annotations.NullMarked;
