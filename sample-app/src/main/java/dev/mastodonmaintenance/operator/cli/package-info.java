/**
 * The command line: tootctl's clean-up commands, with their names, options and defaults,
 * each one run of the maintenance job; plus commands to list, inspect, restart and stop
 * runs, and to serve the console.
 */
@NullMarked
package dev.mastodonmaintenance.operator.cli;

import org.jspecify.annotations.NullMarked;
