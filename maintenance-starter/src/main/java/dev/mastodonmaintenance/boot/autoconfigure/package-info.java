/**
 * Auto-configuration of the maintenance job in a Spring Boot application: our schema, job
 * repository, job operator, job and facade, kept apart from the host application's own
 * Spring Batch set-up.
 */
@NullMarked
package dev.mastodonmaintenance.boot.autoconfigure;

import org.jspecify.annotations.NullMarked;
