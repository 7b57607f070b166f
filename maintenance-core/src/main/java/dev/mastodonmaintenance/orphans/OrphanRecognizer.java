package dev.mastodonmaintenance.orphans;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.mastodonmaintenance.storage.MastodonAttachment;

/**
 * Reads a storage key as {@code tootctl media remove-orphans} does: every {@code cache}
 * segment dropped, the rest must be
 * {@code <class>/<attachment>/<partition>/<style>/<file>} with a 3-group or 6-group
 * partition (7 or 10 segments), a class and attachment Mastodon has. Anything else
 * (17-digit and 4-group partitions, the legacy {@code imports/} tree, stray files) is not
 * recognised and must be kept.
 * <p>
 * Stricter than tootctl in two ways, both keeping more: partition groups must be three
 * digits (tootctl reads {@code "abc".to_i} as id 0, a row that never exists), and an
 * attachment name the class does not have is unrecognised (tootctl deletes it when no row
 * has the id, and crashes when one does). The style segment is not checked, as in
 * tootctl.
 */
public final class OrphanRecognizer {

	private static final Pattern GROUP = Pattern.compile("[0-9]{3}");

	/**
	 * Recognises a key.
	 * @param key a key relative to Mastodon's storage root
	 * @return what it belongs to, or empty when it is not a key Mastodon writes
	 */
	public Optional<RecognizedKey> recognize(String key) {
		List<String> segments = Arrays.stream(key.split("/")).filter((segment) -> !"cache".equals(segment)).toList();
		if (segments.size() != 7 && segments.size() != 10) {
			return Optional.empty();
		}
		List<String> partition = segments.subList(2, segments.size() - 2);
		if (!partition.stream().allMatch((group) -> GROUP.matcher(group).matches())) {
			return Optional.empty();
		}
		long recordId = Long.parseLong(String.join("", partition));
		String fileName = segments.get(segments.size() - 1);
		return MastodonAttachment.of(segments.get(0), segments.get(1))
			.map((attachment) -> new RecognizedKey(key, attachment, recordId, fileName));
	}

}
