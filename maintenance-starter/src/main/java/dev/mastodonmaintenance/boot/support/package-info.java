/**
 * The implementation behind {@link dev.mastodonmaintenance.boot.MastodonMaintenance}:
 * launching under a cluster-wide lock, reading executions with our own SQL, progress
 * estimates, scheduled runs and the stop on shutdown. Wired by the auto-configuration;
 * not meant to be used directly.
 */
@NullMarked
package dev.mastodonmaintenance.boot.support;

import org.jspecify.annotations.NullMarked;
