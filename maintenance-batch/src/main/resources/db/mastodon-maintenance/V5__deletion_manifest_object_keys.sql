-- Stored objects are recorded one entry per chunk too, as rows are since V3: the keys in object_keys and, at
-- the same positions, the sizes Mastodon recorded and the sizes the storage reported. One entry per object
-- cost a large run more time in the manifest than in waiting for a nearby store's DeleteObjects; an entry
-- now changes state as a whole, and a key the storage refuses is split out into a 'failed' entry of its own.
-- Such an entry has no subject, which names the table of a 'rows' entry; object_storage_bytes is NULL when
-- no size is known for any of its keys (S3's DeleteObjects reports none; a failed entry has none).
ALTER TABLE deletion_manifest ADD COLUMN object_keys text[];

ALTER TABLE deletion_manifest ADD COLUMN object_recorded_bytes bigint[];

ALTER TABLE deletion_manifest ADD COLUMN object_storage_bytes bigint[];

ALTER TABLE deletion_manifest DROP CONSTRAINT deletion_manifest_subject_kind_check;

ALTER TABLE deletion_manifest ALTER COLUMN subject DROP NOT NULL;

-- Entries of earlier runs ('object', subject the key) are folded into the new form, so readers know one form
-- only. A chunk's entries were written in one transaction and share its recorded_at; grouping on it keeps
-- them one entry per chunk and state, keys in the order they were recorded. Failed entries stay one per key.
WITH chunk AS (
	SELECT min(id) AS first_id, array_agg(subject ORDER BY id) AS keys,
		array_agg(recorded_bytes ORDER BY id) AS recorded,
		CASE WHEN count(storage_bytes) > 0 THEN array_agg(storage_bytes ORDER BY id) END AS storage
	FROM deletion_manifest
	WHERE subject_kind = 'object'
	GROUP BY job_instance_id, job_execution_id, step_name, state, detail, recorded_at,
		CASE WHEN state = 'failed' THEN id END
)
UPDATE deletion_manifest AS m
SET subject_kind = 'objects', subject = NULL, object_keys = chunk.keys, object_recorded_bytes = chunk.recorded,
	object_storage_bytes = chunk.storage
FROM chunk
WHERE m.id = chunk.first_id;

DELETE FROM deletion_manifest WHERE subject_kind = 'object';

-- sizes live in the arrays now; an entry of rows never had any
ALTER TABLE deletion_manifest DROP COLUMN recorded_bytes;

ALTER TABLE deletion_manifest DROP COLUMN storage_bytes;

ALTER TABLE deletion_manifest ADD CONSTRAINT deletion_manifest_subject_kind_check
	CHECK ((subject_kind = 'rows' AND subject IS NOT NULL AND row_ids IS NOT NULL AND object_keys IS NULL)
		OR (subject_kind = 'objects' AND subject IS NULL AND row_ids IS NULL AND object_keys IS NOT NULL
			AND object_recorded_bytes IS NOT NULL));
