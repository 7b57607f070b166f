-- Database rows are recorded one entry per chunk and table, holding all the ids in row_ids, rather than one
-- entry per row: a large run deletes hundreds of thousands of rows, and one entry each cost it seconds of
-- inserts and left the manifest as large as the deletions. Objects stay one entry per key, since each has
-- its own state and sizes.
ALTER TABLE deletion_manifest ADD COLUMN row_ids bigint[];

ALTER TABLE deletion_manifest DROP CONSTRAINT deletion_manifest_subject_kind_check;

-- Entries of earlier runs ('row', subject 'table#id') are folded into the new form, so readers know one
-- form only. A chunk's entries were written in one transaction and share its recorded_at; grouping on it
-- keeps them one entry per chunk and table, ids in the order they were recorded.
WITH chunk AS (
	SELECT min(id) AS first_id, array_agg(split_part(subject, '#', 2)::bigint ORDER BY id) AS ids
	FROM deletion_manifest
	WHERE subject_kind = 'row'
	GROUP BY job_execution_id, step_name, state, split_part(subject, '#', 1), recorded_at
)
UPDATE deletion_manifest AS m
SET subject_kind = 'rows', subject = split_part(m.subject, '#', 1), row_ids = chunk.ids
FROM chunk
WHERE m.id = chunk.first_id;

DELETE FROM deletion_manifest WHERE subject_kind = 'row';

ALTER TABLE deletion_manifest ADD CONSTRAINT deletion_manifest_subject_kind_check
	CHECK ((subject_kind = 'object' AND row_ids IS NULL) OR (subject_kind = 'rows' AND row_ids IS NOT NULL));
