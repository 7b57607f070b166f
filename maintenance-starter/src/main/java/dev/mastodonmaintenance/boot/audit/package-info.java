/**
 * Who did what to which execution: every launch, restart, stop, abandon and recover made
 * through the console, the JSON API or the command line, recorded in our schema's
 * {@code operator_action} table.
 */
@NullMarked
package dev.mastodonmaintenance.boot.audit;

import org.jspecify.annotations.NullMarked;
