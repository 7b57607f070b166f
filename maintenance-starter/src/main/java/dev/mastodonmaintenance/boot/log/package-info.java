/**
 * The per-run log: the levels' own lines of each execution, kept in the maintenance
 * schema.
 */
@NullMarked
package dev.mastodonmaintenance.boot.log;

import org.jspecify.annotations.NullMarked;
