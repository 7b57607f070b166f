package dev.mastodonmaintenance.batch;

import java.lang.reflect.Method;
import java.time.Duration;

import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The job repository as the job's steps and the job itself save their state through: a
 * run that loses its database connection ends {@code FAILED}, restartable, rather than
 * {@code UNKNOWN}.
 * <p>
 * Spring Batch marks a step {@code UNKNOWN} when its chunk's transaction can neither
 * commit nor roll back (the connection is gone) or when its status cannot be saved, and
 * refuses to restart it, since a chunk may have committed its items without its
 * checkpoint. In this job that cannot happen: a chunk's changes and its checkpoint commit
 * in one transaction (and the work some levels commit beside it is safe to redo), so
 * whichever way the lost transaction went, the saved checkpoint matches the data. The
 * status is therefore saved as {@code FAILED}.
 * <p>
 * Status and context saves outside a chunk's transaction (the step's and the job's ends)
 * are retried with backoff while the database is unreachable, for a bounded time, so that
 * a PostgreSQL restart or failover in the middle of a run leaves it {@code FAILED} once
 * the database is back. Saves inside a chunk's transaction are not retried: the chunk
 * fails and its transaction rolls back.
 */
final class RepositoryOutages implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(RepositoryOutages.class);

	private static final Duration FIRST_DELAY = Duration.ofMillis(200);

	private static final Duration LONGEST_DELAY = Duration.ofSeconds(5);

	private final JobRepository repository;

	private final Duration wait;

	private RepositoryOutages(JobRepository repository, Duration wait) {
		this.repository = repository;
		this.wait = wait;
	}

	/**
	 * Wraps a repository.
	 * @param repository the job repository
	 * @param wait how long a save outside a chunk is retried while the database is
	 * unreachable
	 * @return the repository the job and its steps use
	 */
	static JobRepository tolerating(JobRepository repository, Duration wait) {
		ProxyFactory proxy = new ProxyFactory(repository);
		proxy.addInterface(JobRepository.class);
		proxy.addAdvice(new RepositoryOutages(repository, wait));
		return (JobRepository) proxy.getProxy(RepositoryOutages.class.getClassLoader());
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		boolean save = method.getName().equals("update") || method.getName().equals("updateExecutionContext");
		if (!save || invocation.getArguments().length != 1) {
			return invocation.proceed();
		}
		Object argument = invocation.getArguments()[0];
		boolean settled = method.getName().equals("update") && settleUnknown(argument);
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			return invocation.proceed();
		}
		long deadline = System.nanoTime() + this.wait.toNanos();
		Duration delay = FIRST_DELAY;
		boolean versionRefreshed = false;
		while (true) {
			try {
				return AopUtils.invokeJoinpointUsingReflection(this.repository, method, invocation.getArguments());
			}
			catch (OptimisticLockingFailureException ex) {
				// a chunk whose commit was lost may have committed after all, with the
				// step's next version
				if (!settled || versionRefreshed || !(argument instanceof StepExecution step)) {
					throw ex;
				}
				refreshVersion(step);
				versionRefreshed = true;
			}
			catch (RuntimeException ex) {
				if (!ConnectionLoss.isCause(ex) || System.nanoTime() + delay.toNanos() > deadline) {
					throw ex;
				}
				logger.warn("Cannot save the state of " + describe(argument) + ": the database is unreachable ("
						+ ex.getMessage() + "); retrying in " + delay.toMillis() + " ms, for up to " + this.wait);
				Thread.sleep(delay.toMillis());
				delay = (delay.compareTo(LONGEST_DELAY.dividedBy(2)) < 0) ? delay.multipliedBy(2) : LONGEST_DELAY;
			}
		}
	}

	private void refreshVersion(StepExecution step) {
		StepExecution saved = this.repository.getStepExecution(step.getJobExecutionId(), step.getId());
		if (saved != null) {
			step.setVersion(saved.getVersion());
		}
	}

	/**
	 * Turns an {@code UNKNOWN} status into {@code FAILED}, keeping its description.
	 * @return whether it was {@code UNKNOWN}
	 */
	private static boolean settleUnknown(Object execution) {
		if (execution instanceof StepExecution step && step.getStatus() == BatchStatus.UNKNOWN) {
			step.setStatus(BatchStatus.FAILED);
			step.setExitStatus(failed(step.getExitStatus()));
			sayConnectionLost(step);
			return true;
		}
		if (execution instanceof JobExecution job && job.getStatus() == BatchStatus.UNKNOWN) {
			job.setStatus(BatchStatus.FAILED);
			job.setExitStatus(failed(job.getExitStatus()));
			return true;
		}
		return false;
	}

	/**
	 * Puts first among the step's failures what it is about: the rollback's failure on
	 * the closed connection (what Spring Batch keeps) hides the failure that closed it.
	 */
	private static void sayConnectionLost(StepExecution step) {
		for (Throwable failure : step.getFailureExceptions()) {
			Throwable original = (failure instanceof TransactionSystemException rollback
					&& rollback.getApplicationException() != null) ? rollback.getApplicationException() : failure;
			if (ConnectionLoss.isCause(original)) {
				step.getFailureExceptions()
					.add(0, new DataAccessResourceFailureException("Lost the connection to the "
							+ "database in the middle of a chunk, which rolled back; a restart resumes after the last "
							+ "committed chunk", original));
				return;
			}
		}
	}

	private static ExitStatus failed(ExitStatus status) {
		if (!ExitStatus.UNKNOWN.getExitCode().equals(status.getExitCode())) {
			return status;
		}
		return new ExitStatus(ExitStatus.FAILED.getExitCode(), status.getExitDescription());
	}

	private static String describe(Object execution) {
		if (execution instanceof StepExecution step) {
			return "step " + step.getStepName() + " of execution " + step.getJobExecutionId();
		}
		if (execution instanceof JobExecution job) {
			return "execution " + job.getId();
		}
		return String.valueOf(execution);
	}

}
