/**
 * The {@code accounts-cull} level: {@code tootctl accounts cull}.
 */
@NullMarked
package dev.mastodonmaintenance.batch.accounts;

import org.jspecify.annotations.NullMarked;
