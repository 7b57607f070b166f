-- Who launched, restarted, stopped, abandoned or recovered each execution, as the console, the JSON API or the
-- command line named them (the starter's OperatorActions). Read per execution for its page and `status ID`.
CREATE TABLE operator_action (
	id bigserial PRIMARY KEY,
	job_execution_id bigint NOT NULL,
	kind text NOT NULL,
	operator text NOT NULL,
	acted_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX operator_action_execution ON operator_action (job_execution_id);
