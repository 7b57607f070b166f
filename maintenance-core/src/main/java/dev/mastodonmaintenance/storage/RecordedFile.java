package dev.mastodonmaintenance.storage;

import org.jspecify.annotations.Nullable;

/**
 * A stored file a database row names.
 *
 * @param key its storage key
 * @param recordedBytes its size as the row records it ({@code <name>_file_size}, which only describes the
 * {@code original}); {@code null} for other styles or when the column is null
 */
public record RecordedFile(String key, @Nullable Long recordedBytes) {
}
