/**
 * Micrometer metrics of the maintenance job's runs.
 */
@NullMarked
package dev.mastodonmaintenance.boot.metrics;

import org.jspecify.annotations.NullMarked;
