package dev.mastodonmaintenance.operator.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import dev.mastodonmaintenance.batch.LevelReport;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The synthetic Mastodon instance the tool runs on when no Mastodon is configured: its
 * database, its media directory and, optionally, its Redis, all kept in one directory,
 * with one more generation of data added at each start.
 */
public final class DemoInstance implements AutoCloseable {

	private final DemoDatabase database;

	private final @Nullable DemoRedis redis;

	private final DemoRemoteServer remote;

	private final Path directory;

	private final DemoSeed.@Nullable DemoSummary added;

	private DemoInstance(DemoDatabase database, @Nullable DemoRedis redis, DemoRemoteServer remote, Path directory,
			DemoSeed.@Nullable DemoSummary added) {
		this.database = database;
		this.redis = redis;
		this.remote = remote;
		this.directory = directory;
		this.added = added;
	}

	/**
	 * Starts the demo and adds a generation of data.
	 * @param directory where the database and media files are kept between runs
	 * @param schema the DDL of Mastodon's tables
	 * @param redisPort the loopback port of the demo Redis, or {@code null} for none
	 * @param seed whether to add a generation of data (always done when the database is
	 * new)
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
		DemoRemoteServer remote = null;
		try {
			redis = (redisPort != null) ? DemoRedis.start(redisPort, directory.resolve("redis.pid")) : null;
			remote = DemoRemoteServer.start();
			DemoSeed.DemoSummary added = (seed || database.created())
					? new DemoSeed(new JdbcTemplate(database.dataSource()), media, Instant.now(), remote.domain())
						.seed()
					: null;
			if (redis != null) {
				redis.seed(500);
			}
			return new DemoInstance(database, redis, remote, directory, added);
		}
		catch (RuntimeException ex) {
			closeQuietly(remote);
			closeQuietly(redis);
			closeQuietly(database);
			throw ex;
		}
	}

	/**
	 * Where the demo lives unless told otherwise:
	 * {@code $XDG_DATA_HOME/mastodon-maintenance/demo}, else
	 * {@code ~/.local/share/mastodon-maintenance/demo}, as the XDG base directory
	 * specification places a user's data; never the working directory, which may be
	 * Mastodon's own.
	 * @param environment the environment variables
	 * @return the directory
	 */
	public static Path defaultDirectory(Function<String, @Nullable String> environment) {
		String dataHome = environment.apply("XDG_DATA_HOME");
		Path base;
		if (dataHome != null && Path.of(dataHome).isAbsolute()) {
			base = Path.of(dataHome);
		}
		else {
			String home = environment.apply("HOME");
			base = Path.of((home != null && !home.isBlank()) ? home : System.getProperty("user.home"), ".local",
					"share");
		}
		return base.resolve("mastodon-maintenance").resolve("demo");
	}

	/**
	 * The media directory of a demo directory, which is the demo's
	 * {@code PAPERCLIP_ROOT_PATH}.
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
		lines.add("DEMO DATABASE (--demo): this runs on a synthetic demo instance kept in " + this.directory
				+ ", not on a Mastodon.");
		if (this.added != null) {
			lines.add("Demo: " + (this.database.created() ? "created Mastodon's tables and added " : "added ")
					+ this.added.statuses() + " statuses, " + this.added.media() + " media attachments, "
					+ this.added.previewCards() + " preview cards, " + this.added.orphans() + " orphan files ("
					+ this.added.files() + " files, " + LevelReport.humanSize(this.added.bytes()) + ")"
					+ ((this.redis != null) ? " and 500 Rails cache keys in an embedded Redis" : "")
					+ "; remote accounts live on a loopback server at " + this.remote.domain() + ".");
		}
		return lines;
	}

	@Override
	public void close() {
		closeQuietly(this.remote);
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
			// shutting down: the demo's servers are local processes that end with the JVM
			// anyway
		}
	}

}
