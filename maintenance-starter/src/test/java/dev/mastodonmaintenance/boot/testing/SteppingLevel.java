package dev.mastodonmaintenance.boot.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.mastodonmaintenance.IdWindow;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelChunk;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A level that walks {@code preview_cards} by id windows of 10, as the real levels walk their tables, one
 * chunk per permit the test releases, so that a test sees a run in the middle of a step. It records the
 * ids it visited in {@code visited_card}, which shows what a restart resumed from. It may fail once at a
 * given id.
 */
public final class SteppingLevel implements LevelDefinition {

	/** The checkpoint key the real level of {@code preview_cards} uses. */
	public static final String LAST_ID = Level.PREVIEW_CARDS_REMOVE.stepName() + ".last-id";

	private final JdbcTemplate jdbc;

	private final Level level;

	private final String lastId;

	private final Semaphore permits = new Semaphore(0);

	private volatile long failAt = -1;

	/**
	 * Creates the level over a database holding {@code preview_cards}.
	 * @param jdbc the database
	 */
	public SteppingLevel(JdbcTemplate jdbc) {
		this(jdbc, Level.PREVIEW_CARDS_REMOVE, LAST_ID);
	}

	/**
	 * Creates the level as another level, keeping its position under another key.
	 * @param jdbc the database
	 * @param level the level it stands for
	 * @param lastIdKey its checkpoint key
	 */
	public SteppingLevel(JdbcTemplate jdbc, Level level, String lastIdKey) {
		this.jdbc = jdbc;
		this.level = level;
		this.lastId = lastIdKey;
		jdbc.execute("CREATE TABLE IF NOT EXISTS visited_card (id bigint, execution_id bigint)");
	}

	/**
	 * Lets the level do more chunks.
	 * @param chunks how many
	 */
	public void allow(int chunks) {
		this.permits.release(chunks);
	}

	/**
	 * Lets the level run to its end.
	 */
	public void allowAll() {
		this.permits.release(1_000_000);
	}

	/**
	 * Takes back the permits not used, so that the next run waits again.
	 */
	public void drain() {
		this.permits.drainPermits();
	}

	/**
	 * Makes the chunk holding an id fail, once.
	 * @param id the id
	 */
	public void failOnceAt(long id) {
		this.failAt = id;
	}

	@Override
	public Level level() {
		return this.level;
	}

	@Override
	public Set<String> parameterNames() {
		return Set.of(this.level.stepName() + ".days", this.level.stepName() + ".link",
				this.level.stepName() + ".concurrency", this.level.stepName() + ".batch-size");
	}

	@Override
	public void validate(MaintenanceParameters parameters) {
		parameters.days(this.level.stepName() + ".days", 180);
	}

	@Override
	public LevelWork open(MaintenanceParameters parameters) {
		IdWindow windows = new IdWindow(this.jdbc, "preview_cards");
		return new LevelWork() {

			@Override
			public boolean nextChunk(LevelChunk chunk) throws Exception {
				if (!SteppingLevel.this.permits.tryAcquire(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("No permit for the next chunk within 30s");
				}
				long lastId = chunk.checkpoint().getLong(SteppingLevel.this.lastId, 0);
				Long upTo = windows.upperBound(lastId, 10);
				if (upTo == null) {
					return false;
				}
				if (SteppingLevel.this.failAt > lastId && SteppingLevel.this.failAt <= upTo) {
					SteppingLevel.this.failAt = -1;
					throw new IllegalStateException("Injected failure in the window (" + lastId + ", " + upTo + "]");
				}
				List<Long> ids = SteppingLevel.this.jdbc.queryForList(
						"SELECT id FROM preview_cards WHERE id > ? AND id <= ? ORDER BY id", Long.class, lastId, upTo);
				ids.forEach((id) -> SteppingLevel.this.jdbc.update("INSERT INTO visited_card VALUES (?, ?)", id,
						chunk.stepExecution().getJobExecutionId()));
				chunk.visited(ids.size());
				chunk.report().rowsChanged(ids.size());
				chunk.report().bytesRecorded(ids.size() * 100L);
				chunk.checkpoint().putLong(SteppingLevel.this.lastId, upTo);
				return true;
			}

			@Override
			public List<String> summary(LevelReport report) {
				return List.of("Visited " + report.rowsVisited() + " preview cards");
			}

		};
	}

}
