package dev.mastodonmaintenance.boot.manifest;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A page of a run's deletion manifest.
 *
 * @param entries the entries, in the order the run recorded them
 * @param next where the next page starts ({@link ManifestQuery#after}), {@code null} on
 * the last page
 */
public record ManifestPage(List<ManifestEntry> entries, @Nullable ManifestPosition next) {

	public ManifestPage {
		entries = List.copyOf(entries);
	}

}
