/**
 * Media of remote origin that Mastodon caches: remote media attachments, and the avatars
 * and headers of remote accounts. The SQL of {@code tootctl media remove}, and what the
 * rows' files are.
 */
@NullMarked
package dev.mastodonmaintenance.media;

import org.jspecify.annotations.NullMarked;
