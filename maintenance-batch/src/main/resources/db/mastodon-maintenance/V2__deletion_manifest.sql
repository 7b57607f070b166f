-- What each run removed (or, in a dry run, would have removed): stored objects by key and database rows by
-- table and id, with their sizes. Objects are first recorded as 'pending' in the same transaction that
-- changes their rows, and removed from storage after that commit, so a crash in between leaves a pending
-- entry that the restarted step removes, never a row that names a deleted file.
CREATE TABLE deletion_manifest (
	id bigserial PRIMARY KEY,
	job_instance_id bigint NOT NULL,
	job_execution_id bigint NOT NULL,
	step_name varchar(100) NOT NULL,
	subject_kind varchar(16) NOT NULL CHECK (subject_kind IN ('object', 'row')),
	subject text NOT NULL,
	recorded_bytes bigint,
	storage_bytes bigint,
	state varchar(16) NOT NULL CHECK (state IN ('pending', 'removed', 'failed', 'dry-run')),
	detail text,
	recorded_at timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE INDEX deletion_manifest_pending ON deletion_manifest (job_instance_id, step_name, id) WHERE state = 'pending';

CREATE INDEX deletion_manifest_by_execution ON deletion_manifest (job_execution_id, step_name);
