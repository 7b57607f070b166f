/**
 * Reads Mastodon's configuration (its environment variables and its
 * {@code .env.production} file) and maps it onto Spring's and the starter's properties.
 */
@NullMarked
package dev.mastodonmaintenance.operator.config;

import org.jspecify.annotations.NullMarked;
