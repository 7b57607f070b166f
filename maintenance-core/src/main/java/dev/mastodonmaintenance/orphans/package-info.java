/**
 * Orphans: stored files no database row refers to any more, recognised from their keys as
 * {@code tootctl media remove-orphans} does, and checked against the database a listed
 * page at a time.
 */
@NullMarked
package dev.mastodonmaintenance.orphans;

import org.jspecify.annotations.NullMarked;
