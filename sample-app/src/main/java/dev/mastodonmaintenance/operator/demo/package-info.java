/**
 * The demo: with no Mastodon configured, an embedded PostgreSQL and Redis holding a small
 * synthetic Mastodon instance, with media files on disk, so that every command shows real
 * work.
 */
@NullMarked
package dev.mastodonmaintenance.operator.demo;

import org.jspecify.annotations.NullMarked;
