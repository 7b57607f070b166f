package dev.mastodonmaintenance.boot.testing;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.mastodonmaintenance.IdWindow;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.LevelTransaction;
import dev.mastodonmaintenance.batch.LevelWork;
import dev.mastodonmaintenance.batch.MaintenanceParameters;
import dev.mastodonmaintenance.batch.TableProgress;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A level that walks {@code preview_cards} by id windows of 10, as the real levels walk
 * their tables, one chunk per permit the test releases, so that a test sees a run in the
 * middle of a step. It records the ids it visited in {@code visited_card}, which shows
 * what a restart resumed from. It may fail once at a given id.
 */
public final class SteppingLevel implements LevelDefinition<Double> {

	/** The checkpoint key the real level of {@code preview_cards} uses. */
	public static final String LAST_ID = Level.PREVIEW_CARDS_REMOVE.stepName() + ".last-id";

	private final JdbcTemplate jdbc;

	private final Level level;

	private final String lastId;

	// whether it reports its position in preview_cards, as the real level of that table
	// does
	private final boolean reportsProgress;

	private final Semaphore permits = new Semaphore(0);

	private volatile long failAt = -1;

	/**
	 * Creates the level over a database holding {@code preview_cards}.
	 * @param jdbc the database
	 */
	public SteppingLevel(JdbcTemplate jdbc) {
		this(jdbc, Level.PREVIEW_CARDS_REMOVE, LAST_ID, true);
	}

	/**
	 * Creates the level as another level, keeping its position under another key and
	 * reporting none, as a level that walks no table.
	 * @param jdbc the database
	 * @param level the level it stands for
	 * @param lastIdKey its checkpoint key
	 */
	public SteppingLevel(JdbcTemplate jdbc, Level level, String lastIdKey) {
		this(jdbc, level, lastIdKey, false);
	}

	private SteppingLevel(JdbcTemplate jdbc, Level level, String lastIdKey, boolean reportsProgress) {
		this.jdbc = jdbc;
		this.level = level;
		this.lastId = lastIdKey;
		this.reportsProgress = reportsProgress;
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
	public Set<String> optionNames() {
		return Set.of("days", "link", "concurrency", "batch-size");
	}

	@Override
	public Double options(MaintenanceParameters parameters) {
		return parameters.of(this.level).days("days", 180);
	}

	@Override
	public LevelWork open(Double days, MaintenanceParameters parameters) {
		IdWindow windows = new IdWindow(this.jdbc, "preview_cards");
		TableProgress progress = new TableProgress(this.jdbc, "preview_cards");
		return new LevelWork() {

			@Override
			public boolean nextChunk(LevelTransaction chunk) throws Exception {
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
				if (SteppingLevel.this.reportsProgress) {
					progress.report(chunk, null, upTo);
				}
				return true;
			}

			@Override
			public List<String> summary(LevelReport report) {
				return List.of("Visited " + report.rowsVisited() + " preview cards");
			}

		};
	}

}
