package dev.mastodonmaintenance.orphans;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import dev.mastodonmaintenance.schema.MastodonSchema;
import dev.mastodonmaintenance.storage.AttachmentFiles;
import dev.mastodonmaintenance.storage.MastodonAttachment;
import dev.mastodonmaintenance.storage.RecordedAttachment;
import dev.mastodonmaintenance.storage.StoredObject;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Sorts one listed page of stored objects into orphans and the rest, with one query per
 * model class the page's keys name, as tootctl preloads a page's records (docs/media.md).
 * The attachment's current content type decides its variants, so a {@code static/….png}
 * is kept beside a GIF avatar and is an orphan beside any other.
 */
public class OrphanScanner {

	private final JdbcTemplate jdbc;

	private final MastodonSchema schema;

	private final OrphanRecognizer recognizer = new OrphanRecognizer();

	/**
	 * Creates the scanner over a Mastodon database.
	 * @param jdbc the Mastodon database
	 * @param schema its schema
	 */
	public OrphanScanner(JdbcTemplate jdbc, MastodonSchema schema) {
		this.jdbc = jdbc;
		this.schema = schema;
	}

	/**
	 * Sorts a page.
	 * @param page the objects of one listed page
	 * @param judgedBefore only objects last modified before this instant can be orphans;
	 * later ones are reported as too young
	 * @return the page, sorted object by object
	 */
	public OrphanScan scan(List<StoredObject> page, Instant judgedBefore) {
		List<StoredObject> unrecognized = new ArrayList<>();
		List<StoredObject> tooYoung = new ArrayList<>();
		Map<StoredObject, RecognizedKey> judged = new LinkedHashMap<>();
		for (StoredObject object : page) {
			Optional<RecognizedKey> recognized = this.recognizer.recognize(object.key());
			if (recognized.isEmpty()) {
				unrecognized.add(object);
			}
			else if (!object.lastModified().isBefore(judgedBefore)) {
				tooYoung.add(object);
			}
			else {
				judged.put(object, recognized.get());
			}
		}
		Map<MastodonAttachment, Map<Long, Optional<AttachmentFiles>>> rows = load(judged.values());
		List<StoredObject> orphans = new ArrayList<>();
		List<StoredObject> kept = new ArrayList<>();
		judged.forEach((object, key) -> {
			Optional<AttachmentFiles> files = rows.get(key.attachment()).get(key.recordId());
			boolean owned = files != null && files.isPresent() && files.get().isVariant(key.fileName());
			(owned ? kept : orphans).add(object);
		});
		return new OrphanScan(orphans, kept, unrecognized, tooYoung);
	}

	/**
	 * Loads, per attachment, the rows the keys name: an absent id is a row that does not
	 * exist, an empty value a blank attachment.
	 */
	private Map<MastodonAttachment, Map<Long, Optional<AttachmentFiles>>> load(Iterable<RecognizedKey> keys) {
		Map<String, Set<Long>> idsByTable = new LinkedHashMap<>();
		keys.forEach((key) -> idsByTable.computeIfAbsent(key.attachment().table(), (table) -> new TreeSet<>())
			.add(key.recordId()));
		Map<MastodonAttachment, Map<Long, Optional<AttachmentFiles>>> rows = new EnumMap<>(MastodonAttachment.class);
		for (MastodonAttachment attachment : MastodonAttachment.values()) {
			rows.put(attachment, new HashMap<>());
		}
		idsByTable.forEach((table, ids) -> loadTable(table, ids, rows));
		return rows;
	}

	private void loadTable(String table, Set<Long> ids,
			Map<MastodonAttachment, Map<Long, Optional<AttachmentFiles>>> rows) {
		List<MastodonAttachment> attachments = Arrays.stream(MastodonAttachment.values())
			.filter((attachment) -> attachment.table().equals(table))
			.toList();
		String columns = attachments.stream()
			.map((attachment) -> RecordedAttachment.columns(attachment, "t", this.schema))
			.collect(Collectors.joining(", "));
		String placeholders = String.join(", ", Collections.nCopies(ids.size(), "?"));
		// index: <table>_pkey
		this.jdbc.query("SELECT t.id, " + columns + " FROM " + table + " AS t WHERE t.id IN (" + placeholders + ")",
				(rs) -> {
					for (MastodonAttachment attachment : attachments) {
						// as tootctl, the cache/ prefix is not checked (docs/media.md),
						// so locality does not matter
						RecordedAttachment recorded = RecordedAttachment.read(rs, attachment, true);
						rows.get(attachment)
							.put(rs.getLong("id"), Optional.ofNullable((recorded != null) ? recorded.files() : null));
					}
				}, ids.toArray());
	}

}
