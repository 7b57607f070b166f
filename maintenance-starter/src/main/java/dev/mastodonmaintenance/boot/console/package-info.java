/**
 * The batch admin console: server-rendered pages to watch, launch, stop, restart and
 * abandon runs of the maintenance job, behind Spring Security when it is present.
 */
@NullMarked
package dev.mastodonmaintenance.boot.console;

import org.jspecify.annotations.NullMarked;
