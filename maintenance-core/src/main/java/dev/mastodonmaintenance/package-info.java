/**
 * What a Mastodon server is made of, as far as its clean-up goes: tables, storage layout,
 * Rails cache. Nothing here knows Spring Batch.
 */
@NullMarked
package dev.mastodonmaintenance;

import org.jspecify.annotations.NullMarked;
