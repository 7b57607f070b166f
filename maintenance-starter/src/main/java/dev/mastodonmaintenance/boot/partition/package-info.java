/**
 * Remote partitioning: a manager that sends the partitions of the partitioned levels to
 * worker nodes through RabbitMQ or a PostgreSQL channel, and the workers that run them,
 * all sharing the job repository in Mastodon's database.
 */
@NullMarked
package dev.mastodonmaintenance.boot.partition;

import org.jspecify.annotations.NullMarked;
