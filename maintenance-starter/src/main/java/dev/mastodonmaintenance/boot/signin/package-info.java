/**
 * Sign-in protection shared by the console and the JSON API: failed sign-ins are logged
 * and throttled, with an exponential delay per user name and per client address.
 */
@NullMarked
package dev.mastodonmaintenance.boot.signin;

import org.jspecify.annotations.NullMarked;
