-- The manifest at hand (the starter's DeletionManifestRecords): a run's entries in id order, so that a page of
-- what a run removed is read from where the last one ended rather than sorted from the run's start, and the
-- entries that hold a given storage key or row id, for "when and why was this removed?" across runs.
CREATE INDEX deletion_manifest_execution_order ON deletion_manifest (job_execution_id, id);

CREATE INDEX deletion_manifest_object_keys ON deletion_manifest USING gin (object_keys);

CREATE INDEX deletion_manifest_row_ids ON deletion_manifest USING gin (row_ids);
