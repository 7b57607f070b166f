/**
 * Which Mastodon release a database's schema belongs to, and what its tables hold: read
 * once before a run, so that each level's SQL uses only what exists and a schema newer
 * than every known release is noticed.
 */
@NullMarked
package dev.mastodonmaintenance.schema;

import org.jspecify.annotations.NullMarked;
