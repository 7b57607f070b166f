/**
 * Our schema in Mastodon's database: the job repository and our own tables, created by
 * our Flyway migrations.
 */
@NullMarked
package dev.mastodonmaintenance.batch.schema;

import org.jspecify.annotations.NullMarked;
