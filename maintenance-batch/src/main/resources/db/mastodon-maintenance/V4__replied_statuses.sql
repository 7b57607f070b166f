-- Statuses a statuses-remove run deleted a reply of (run_id: the job instance). tootctl's extraction sees the
-- whole table before it deletes anything, so a status with a reply is kept even when the reply goes; the
-- level deletes several ranges of ids at once, so a reply can go before its parent's window comes, and this
-- is how the parent still counts as replied to. A run's rows are dropped when its statuses phase ends.
CREATE TABLE replied_statuses (
	run_id bigint NOT NULL,
	status_id bigint NOT NULL,
	PRIMARY KEY (run_id, status_id)
);
