/**
 * The web side of the tool ({@code serve}): who may sign in to the console.
 */
@NullMarked
package dev.mastodonmaintenance.operator.web;

import org.jspecify.annotations.NullMarked;
