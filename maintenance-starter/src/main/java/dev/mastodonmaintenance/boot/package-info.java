/**
 * The Spring Boot integration of the maintenance job: the
 * {@link dev.mastodonmaintenance.boot.MastodonMaintenance} facade that embedders use to
 * start, control and watch runs, and its value types.
 */
@NullMarked
package dev.mastodonmaintenance.boot;

import org.jspecify.annotations.NullMarked;
