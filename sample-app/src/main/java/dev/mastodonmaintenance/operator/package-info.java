/**
 * The operator's tool: a tootctl-like command line and the batch admin console over the
 * maintenance job, configured from Mastodon's own environment.
 */
@NullMarked
package dev.mastodonmaintenance.operator;

import org.jspecify.annotations.NullMarked;
