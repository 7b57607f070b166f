/**
 * The parts of {@code tootctl accounts cull}: the selection of remote ActivityPub
 * accounts, the unsigned reachability probe behind an SSRF guard, and the database side
 * of deleting a remote account.
 */
@NullMarked
package dev.mastodonmaintenance.accounts;

import org.jspecify.annotations.NullMarked;
