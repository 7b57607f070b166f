package dev.mastodonmaintenance.operator.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonDatabase;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;

/**
 * A Mastodon (a database of its own, media on the filesystem) with media attachments for
 * {@code media remove} to cut into partitions: old remote media, whose cached files it
 * removes, between recent and local ones, which it keeps. Two instances seeded alike end
 * in the same state whatever ran the level, on one node or on workers.
 *
 * @param db the database
 * @param media the media root
 * @param envFile Mastodon's {@code .env.production}
 * @param oldMedia the ids of the attachments whose files the level removes
 */
record PartitionedInstance(MastodonDatabase db, Path media, Path envFile, List<Long> oldMedia) {

	/** The grid size the tests cut the level into. */
	static final int GRID_SIZE = 4;

	/** The attachments of the instance. */
	static final int MEDIA = 120;

	/**
	 * Seeds an instance.
	 * @param live Mastodon's directory
	 * @param testClass the test, which names the database
	 * @return the instance
	 */
	static PartitionedInstance seed(Path live, Class<?> testClass) throws Exception {
		MastodonDatabase db = MastodonDatabase.withFixture(testClass);
		Path media = live.resolve("public/system");
		Path envFile = CommandLineRun.envFile(live, db);
		MastodonData data = new MastodonData(db.dataSource());
		StorageFiles files = new StorageFiles(media);
		Account bob = data.remoteAccount("bob", "example.com").insert();
		Account alice = data.localAccount("alice").insert();
		List<Long> old = new ArrayList<>();
		for (int i = 0; i < MEDIA; i++) {
			String name = String.format("%016x.jpeg", i);
			boolean recent = i % 10 == 3;
			boolean local = i % 10 == 7;
			long id = data.media(local ? alice : bob)
				.remote(local ? "" : "https://example.com/" + i + ".jpg")
				.file(name, "image/jpeg", 100 + i)
				.createdAt(daysAgo(recent ? 2 : 30))
				.insert()
				.id();
			String prefix = local ? "" : "cache/";
			files.write(prefix + "media_attachments/files/" + IdPartition.of(id) + "/original/" + name, 100 + i);
			files.write(prefix + "media_attachments/files/" + IdPartition.of(id) + "/small/" + name, 10 + i);
			if (!recent && !local) {
				old.add(id);
			}
		}
		return new PartitionedInstance(db, media, envFile, old);
	}

	/**
	 * What the level leaves: each attachment's URL (or local), file and size, and the
	 * files in the storage, without the ids (time-based, they differ between instances).
	 * @return the state, comparable between instances
	 */
	Map<String, Object> state() {
		Map<String, Object> state = new TreeMap<>();
		state.put("rows", this.db.jdbc()
			.queryForList(
					"SELECT coalesce(nullif(remote_url, ''), 'local') || ' ' || coalesce(file_file_name, '-') "
							+ "|| ' ' || coalesce(file_file_size::text, '-') AS row FROM media_attachments ORDER BY 1",
					String.class));
		state.put("files",
				new StorageFiles(this.media).keys()
					.stream()
					.map((key) -> key.replaceAll("files/[0-9/]+/", "files/"))
					.sorted()
					.toList());
		return state;
	}

	/**
	 * The level's command on one node, not partitioned: the reference.
	 * @return the arguments after {@code --mastodon-env}
	 */
	String[] mediaRemoveOnOneNode() {
		return new String[] { "media", "remove", "--days", "7" };
	}

	/**
	 * The level's command cut into {@value #GRID_SIZE} partitions, with the given Spring
	 * properties before it.
	 * @param settings Spring properties (remote partitioning's)
	 * @return the arguments after {@code --mastodon-env}
	 */
	String[] mediaRemove(List<String> settings) {
		List<String> args = new ArrayList<>(settings);
		args.add("--mastodon.maintenance.levels.media-remove.grid-size=" + GRID_SIZE);
		// windows of 5: a partition commits several chunks
		args.add("--mastodon.maintenance.levels.media-remove.batch-size=5");
		args.addAll(List.of("media", "remove", "--days", "7"));
		return args.toArray(String[]::new);
	}

	/**
	 * The partition step executions of a job execution, by id, with their status.
	 * @param jobExecutionId the job execution
	 * @return step execution id to status, in id order
	 */
	Map<Long, String> partitions(long jobExecutionId) {
		Map<Long, String> partitions = new TreeMap<>();
		this.db.jdbc()
			.query("SELECT step_execution_id, status FROM mastodon_maintenance.batch_step_execution "
					+ "WHERE job_execution_id = ? AND step_name LIKE 'media-remove-partition:%'", (row) -> {
						partitions.put(row.getLong(1), row.getString(2));
					}, jobExecutionId);
		return partitions;
	}

	/**
	 * The last job execution.
	 * @return its id, 0 when none
	 */
	long lastExecution() {
		Long id = this.db.jdbc()
			.queryForObject("SELECT max(job_execution_id) FROM mastodon_maintenance.batch_job_execution", Long.class);
		return (id != null) ? id : 0;
	}

}
