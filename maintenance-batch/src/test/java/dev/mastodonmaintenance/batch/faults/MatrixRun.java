package dev.mastodonmaintenance.batch.faults;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import dev.mastodonmaintenance.batch.PartitionedLevel;
import java.util.stream.Stream;
import java.util.Arrays;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariDataSource;
import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.accounts.AccountsCullLevel;
import dev.mastodonmaintenance.batch.cache.CacheClearLevel;
import dev.mastodonmaintenance.batch.faults.KillPoint.Action;
import dev.mastodonmaintenance.batch.faults.KillPoint.Trigger;
import dev.mastodonmaintenance.batch.media.MediaRemoveLevel;
import dev.mastodonmaintenance.batch.orphans.OrphansRemoveLevel;
import dev.mastodonmaintenance.batch.previewcards.PreviewCardsRemoveLevel;
import dev.mastodonmaintenance.batch.statuses.StatusesRemoveLevel;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.storage.DeletionReport;
import dev.mastodonmaintenance.storage.MediaStorage;
import dev.mastodonmaintenance.storage.S3Storage;
import dev.mastodonmaintenance.storage.StoredObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The child JVM of the fault matrix: runs the whole job once on one scenario's database,
 * bucket and Redis, and interrupts itself at its {@link KillPoint}. It says what happens
 * on its standard output, one line each: {@code MATRIX-POINT <name>} when the point is
 * reached (then it halts, or waits to be killed, or waits for a line on its standard
 * input while PostgreSQL restarts), and {@code MATRIX-END <status>} when the job
 * returned.
 * <p>
 * Arguments: the JDBC URL, the S3 endpoint, the bucket, the Redis URL, the run's launch
 * instant, the encoded point or {@code none}, the S3 access key and secret key.
 */
public final class MatrixRun {

	static final String POINT = "MATRIX-POINT ";

	static final String END = "MATRIX-END ";

	private static final AtomicBoolean reached = new AtomicBoolean();

	private static final AtomicInteger triggers = new AtomicInteger();

	private static volatile @Nullable KillPoint point;

	// the step whose work was opened last: steps run one after the other
	private static volatile @Nullable Level step;

	private MatrixRun() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		point = "none".equals(args[5]) ? null : KillPoint.decode(args[5]);
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(args[0]);
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(10);
		MediaStorage storage = new CountingStorage(
				new S3Storage(FaultMatrix.s3Settings(args[1], args[2], args[6], args[7])));
		MastodonResources mastodon = new MastodonResources(new StatementWatch(pool), storage, args[3],
				FaultMatrix.ALLOWED_PRIVATE);
		JobHarness harness = JobHarness.on(mastodon);
		for (LevelDefinition<?> level : List.<LevelDefinition<?>>of(new CacheClearLevel(mastodon),
				new PreviewCardsRemoveLevel(mastodon), new MediaRemoveLevel(mastodon), new OrphansRemoveLevel(mastodon),
				new AccountsCullLevel(mastodon), new StatusesRemoveLevel(mastodon))) {
			harness.replacing((level instanceof PartitionedLevel<?> partitioned)
					? new NotedPartitionedLevel<>(partitioned) : new NotedLevel<>(level));
		}
		KillPoint armed = point;
		String[] parameters = (armed != null && armed.partitioned())
				? Stream.concat(Arrays.stream(FaultMatrix.PARAMETERS), Arrays.stream(FaultMatrix.PARTITIONED))
					.toArray(String[]::new)
				: FaultMatrix.PARAMETERS;
		JobExecution execution = harness.runAt(Instant.parse(args[4]), parameters);
		say(END + execution.getStatus());
		System.exit(0);
	}

	/**
	 * Counts a trigger and, when it is the point's n-th in the point's step, does what
	 * the point says, once, on the calling thread.
	 */
	private static void triggered(Trigger trigger, @Nullable String sql) {
		KillPoint armed = point;
		if (armed == null || armed.trigger() != trigger || armed.step() != step
				|| (sql != null && !sql.contains(armed.sql())) || triggers.incrementAndGet() != armed.n()
				|| !reached.compareAndSet(false, true)) {
			return;
		}
		say(POINT + armed.name());
		if (armed.action() == Action.HALT) {
			Runtime.getRuntime().halt(137);
		}
		else if (armed.action() == Action.KILL) {
			while (true) {
				try {
					Thread.sleep(60_000);
				}
				catch (InterruptedException ex) {
					// only SIGKILL ends this wait
				}
			}
		}
		else {
			try {
				new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private static synchronized void say(String line) {
		System.out.println(line);
		System.out.flush();
	}

	/**
	 * A level as the job defines it, noting when its step opens its work.
	 */
	private static class NotedLevel<O, D extends LevelDefinition<O>> implements LevelDefinition<O> {

		protected final D delegate;

		NotedLevel(D delegate) {
			this.delegate = delegate;
		}

		@Override
		public Level level() {
			return this.delegate.level();
		}

		@Override
		public Set<String> optionNames() {
			return this.delegate.optionNames();
		}

		@Override
		public O options(MaintenanceParameters parameters) {
			return this.delegate.options(parameters);
		}

		@Override
		public int connections(O options) {
			return this.delegate.connections(options);
		}

		@Override
		public LevelWork open(O options, MaintenanceParameters parameters) {
			step = this.delegate.level();
			return this.delegate.open(options, parameters);
		}

	}

	/**
	 * A partitioned level as the job defines it, noting when its step or one of its
	 * partitions opens its work.
	 */
	private static final class NotedPartitionedLevel<O> extends NotedLevel<O, PartitionedLevel<O>>
			implements PartitionedLevel<O> {

		NotedPartitionedLevel(PartitionedLevel<O> delegate) {
			super(delegate);
		}

		@Override
		public List<ExecutionContext> partition(O options, MaintenanceParameters parameters, int gridSize) {
			return this.delegate.partition(options, parameters, gridSize);
		}

		@Override
		public Set<String> counters() {
			return this.delegate.counters();
		}

		@Override
		public void merge(ExecutionContext total, ExecutionContext partition) {
			this.delegate.merge(total, partition);
		}

		@Override
		public boolean continuesAfterPartitions() {
			return this.delegate.continuesAfterPartitions();
		}

		@Override
		public void afterPartitions(ExecutionContext total) {
			this.delegate.afterPartitions(total);
		}

	}

	/**
	 * The database, telling the point of each statement executed, with its text in one
	 * line.
	 */
	private static final class StatementWatch extends DelegatingDataSource {

		StatementWatch(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						Object result = invoke(connection, method, args);
						if (result instanceof PreparedStatement statement
								&& method.getName().equals("prepareStatement")) {
							return watch(statement, ((String) args[0]).strip().replaceAll("\\s+", " "));
						}
						return result;
					});
		}

		private static PreparedStatement watch(PreparedStatement statement, String sql) {
			return (PreparedStatement) Proxy.newProxyInstance(StatementWatch.class.getClassLoader(),
					new Class<?>[] { PreparedStatement.class }, (proxy, method, args) -> {
						Object result = invoke(statement, method, args);
						if (method.getName().startsWith("execute") && (args == null || args.length == 0)) {
							triggered(Trigger.AFTER_SQL, sql);
						}
						return result;
					});
		}

		private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

	/**
	 * The storage, telling the point of each batch it deletes.
	 */
	private record CountingStorage(MediaStorage delegate) implements MediaStorage {

		@Override
		public List<StoredObject> list(String prefix, @Nullable String startAfter, int max) {
			return this.delegate.list(prefix, startAfter, max);
		}

		@Override
		public DeletionReport delete(List<String> keys) {
			triggered(Trigger.BEFORE_DELETE, null);
			DeletionReport report = this.delegate.delete(keys);
			triggered(Trigger.AFTER_DELETE, null);
			return report;
		}

		@Override
		public Map<String, Long> sizes(List<String> keys) {
			return this.delegate.sizes(keys);
		}

		@Override
		public boolean deleteReportsSizes() {
			return this.delegate.deleteReportsSizes();
		}

		@Override
		public int deleteBatchSize() {
			return this.delegate.deleteBatchSize();
		}

		@Override
		public String describe() {
			return this.delegate.describe();
		}

	}

	/**
	 * Tells the point of each S3 DeleteObjects request of every client in the child JVM:
	 * the AWS SDK loads it as a global interceptor from a classpath entry that only the
	 * child is given.
	 */
	public static final class DeleteObjectsHook implements ExecutionInterceptor {

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (isDeleteObjects(attributes)) {
				triggered(Trigger.BEFORE_DELETE_OBJECTS, null);
			}
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
			if (isDeleteObjects(attributes)) {
				triggered(Trigger.AFTER_DELETE_OBJECTS, null);
			}
		}

		private static boolean isDeleteObjects(ExecutionAttributes attributes) {
			return "DeleteObjects".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
		}

	}

}
