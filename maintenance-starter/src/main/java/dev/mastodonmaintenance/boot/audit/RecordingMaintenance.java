package dev.mastodonmaintenance.boot.audit;

import java.util.Optional;

import dev.mastodonmaintenance.boot.ExecutionDetails;
import dev.mastodonmaintenance.boot.ExecutionPage;
import dev.mastodonmaintenance.boot.ExecutionQuery;
import dev.mastodonmaintenance.boot.ExecutionSummary;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.Progress;
import dev.mastodonmaintenance.boot.RunRequest;

/**
 * The facade as one operator uses it: state changes that succeed are recorded after the
 * fact, so that a refused one records nothing.
 */
final class RecordingMaintenance implements MastodonMaintenance {

	private final MastodonMaintenance maintenance;

	private final OperatorActions actions;

	private final String operator;

	RecordingMaintenance(MastodonMaintenance maintenance, OperatorActions actions, String operator) {
		this.maintenance = maintenance;
		this.actions = actions;
		this.operator = operator;
	}

	@Override
	public long start(RunRequest request) {
		long id = this.maintenance.start(request);
		this.actions.record(id, OperatorAction.Kind.LAUNCH, this.operator);
		return id;
	}

	@Override
	public long restart(long executionId) {
		long id = this.maintenance.restart(executionId);
		this.actions.record(id, OperatorAction.Kind.RESTART, this.operator);
		return id;
	}

	@Override
	public void stop(long executionId) {
		this.maintenance.stop(executionId);
		this.actions.record(executionId, OperatorAction.Kind.STOP, this.operator);
	}

	@Override
	public void abandon(long executionId) {
		this.maintenance.abandon(executionId);
		this.actions.record(executionId, OperatorAction.Kind.ABANDON, this.operator);
	}

	@Override
	public void recover(long executionId) {
		this.maintenance.recover(executionId);
		this.actions.record(executionId, OperatorAction.Kind.RECOVER, this.operator);
	}

	@Override
	public Optional<ExecutionSummary> toResume() {
		return this.maintenance.toResume();
	}

	@Override
	public ExecutionPage executions(ExecutionQuery query) {
		return this.maintenance.executions(query);
	}

	@Override
	public Optional<ExecutionSummary> lastExecution() {
		return this.maintenance.lastExecution();
	}

	@Override
	public Optional<ExecutionDetails> execution(long executionId) {
		return this.maintenance.execution(executionId);
	}

	@Override
	public Optional<Progress> progress(long executionId) {
		return this.maintenance.progress(executionId);
	}

}
