package dev.mastodonmaintenance.orphans;

import java.util.List;

import dev.mastodonmaintenance.storage.StoredObject;

/**
 * What a listed page holds, object by object.
 *
 * @param orphans objects no row refers to: their row is gone, its attachment is blank, or
 * the file name is not one of the attachment's variants
 * @param kept objects a row refers to
 * @param unrecognized objects whose key is not one Mastodon writes: never deleted
 * @param tooYoung objects recognised but modified too recently to be judged: an upload
 * whose row is not committed yet looks like an orphan
 */
public record OrphanScan(List<StoredObject> orphans, List<StoredObject> kept, List<StoredObject> unrecognized,
		List<StoredObject> tooYoung) {

	public OrphanScan {
		orphans = List.copyOf(orphans);
		kept = List.copyOf(kept);
		unrecognized = List.copyOf(unrecognized);
		tooYoung = List.copyOf(tooYoung);
	}

}
