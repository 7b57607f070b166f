/**
 * The {@code preview-cards-remove} level: {@code tootctl preview_cards remove}.
 */
@NullMarked
package dev.mastodonmaintenance.batch.previewcards;

import org.jspecify.annotations.NullMarked;
