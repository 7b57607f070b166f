/**
 * Mastodon's media storage: the key layout Paperclip writes and the back-ends
 * (filesystem, S3) that hold the files.
 */
@NullMarked
package dev.mastodonmaintenance.storage;

import org.jspecify.annotations.NullMarked;
