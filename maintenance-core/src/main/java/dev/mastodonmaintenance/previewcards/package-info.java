/**
 * Preview cards: the link previews Mastodon fetches for statuses, and their cached
 * images.
 */
@NullMarked
package dev.mastodonmaintenance.previewcards;

import org.jspecify.annotations.NullMarked;
