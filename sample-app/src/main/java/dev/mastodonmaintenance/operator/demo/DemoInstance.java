package dev.mastodonmaintenance.operator.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.mastodonmaintenance.batch.LevelReport;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The synthetic Mastodon instance the tool runs on when no Mastodon is configured: its database, its
 * media directory and, optionally, its Redis, all kept in one directory, with one more generation of data
 * added at each start.
 */
public final class DemoInstance implements AutoCloseable {

	private final DemoDatabase database;

	private final @Nullable DemoRedis redis;

	private final Path directory;

	private final DemoSeed.@Nullable DemoSummary added;

	private DemoInstance(DemoDatabase database, @Nullable DemoRedis redis, Path directory,
			DemoSeed.@Nullable DemoSummary added) {
		this.database = database;
		this.redis = redis;
		this.directory = directory;
		this.added = added;
	}

	/**
	 * Starts the demo and adds a generation of data.
	 * @param directory where the database and media files are kept between runs
	 * @param schema the DDL of Mastodon's tables
	 * @param redisPort the loopback port of the demo Redis, or {@code null} for none
	 * @param seed whether to add a generation of data (always done when the database is new)
	 * @return the running demo
	 */
	public static DemoInstance start(Path directory, Resource schema, @Nullable Integer redisPort, boolean seed) {
		Path media = mediaRoot(directory);
		try {
			Files.createDirectories(media);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot create the demo directory " + directory + ": " + ex, ex);
		}
		DemoDatabase database = DemoDatabase.start(directory.resolve("postgres"), schema);
		DemoRedis redis = null;
		try {
			redis = (redisPort != null) ? DemoRedis.start(redisPort) : null;
			DemoSeed.DemoSummary added = (seed || database.created())
					? new DemoSeed(new JdbcTemplate(database.dataSource()), media, Instant.now()).seed() : null;
			if (redis != null) {
				redis.seed(500);
			}
			return new DemoInstance(database, redis, directory, added);
		}
		catch (RuntimeException ex) {
			closeQuietly(redis);
			closeQuietly(database);
			throw ex;
		}
	}

	/**
	 * The media directory of a demo directory, which is the demo's {@code PAPERCLIP_ROOT_PATH}.
	 * @param directory the demo directory
	 * @return its media directory
	 */
	public static Path mediaRoot(Path directory) {
		return directory.resolve("media");
	}

	public DataSource dataSource() {
		return this.database.dataSource();
	}

	/**
	 * Says, in a few lines, that this is a demo and what it holds.
	 * @return the lines
	 */
	public List<String> describe() {
		List<String> lines = new ArrayList<>();
		lines.add("DEMO DATABASE: no Mastodon is configured (no --mastodon-env, MASTODON_ENV_FILE, DATABASE_URL or "
				+ "DB_* variables), so this runs on a synthetic demo instance kept in " + this.directory + ".");
		if (this.added != null) {
			lines.add("Demo: " + (this.database.created() ? "created Mastodon's tables and added " : "added ")
					+ this.added.statuses() + " statuses, " + this.added.media() + " media attachments, "
					+ this.added.previewCards() + " preview cards, " + this.added.orphans() + " orphan files ("
					+ this.added.files() + " files, " + LevelReport.humanSize(this.added.bytes()) + ")"
					+ ((this.redis != null) ? " and 500 Rails cache keys in an embedded Redis." : "."));
		}
		return lines;
	}

	@Override
	public void close() {
		closeQuietly(this.redis);
		closeQuietly(this.database);
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable == null) {
			return;
		}
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// shutting down: the demo's servers are local processes that end with the JVM anyway
		}
	}

}
