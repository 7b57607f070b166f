-- The levels' own lines of each execution (summaries, warnings such as unreachable cull domains, storage
-- failures), as the starter's RunLog captured them while the execution ran here; bounded per execution.
-- Read per execution, in the order written, for `status ID --log` and the console's log page.
CREATE TABLE run_log (
	id bigserial PRIMARY KEY,
	job_execution_id bigint NOT NULL,
	step_name text,
	severity text NOT NULL,
	logged_at timestamptz NOT NULL,
	message text NOT NULL
);

CREATE INDEX run_log_execution ON run_log (job_execution_id, id);
