/**
 * Actuator contributions of the maintenance job: its last run in the health and info
 * endpoints.
 */
@NullMarked
package dev.mastodonmaintenance.boot.actuate;

import org.jspecify.annotations.NullMarked;
