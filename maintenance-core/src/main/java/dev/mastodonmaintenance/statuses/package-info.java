/**
 * The SQL of {@code tootctl statuses remove}: remote statuses nobody local interacted
 * with, walked and deleted by bounded id windows and re-checked at delete time, then the
 * media attachments and conversations their removal leaves without owner.
 */
@NullMarked
package dev.mastodonmaintenance.statuses;

import org.jspecify.annotations.NullMarked;
