/**
 * The optional JSON API over {@link dev.mastodonmaintenance.boot.MastodonMaintenance};
 * see {@code docs/rest-api.md}.
 */
@NullMarked
package dev.mastodonmaintenance.boot.rest;

import org.jspecify.annotations.NullMarked;
