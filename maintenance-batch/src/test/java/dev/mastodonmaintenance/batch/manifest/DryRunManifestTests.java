package dev.mastodonmaintenance.batch.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.ManifestEntries.Entry;
import dev.mastodonmaintenance.batch.testing.ManifestEntries;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * For every media level, a dry run changes no row and no file, records in the manifest
 * exactly the objects (with the sizes Mastodon recorded) and rows the real run then
 * removes, and reports the figures the real run then reports, on the filesystem and on
 * S3: rows, objects, and bytes both as Mastodon recorded them and as the storage sizes
 * them.
 */
class DryRunManifestTests {

	private static MastodonDatabase db;

	@TempDir
	Path root;

	private JdbcTemplate jdbc;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(DryRunManifestTests.class);
	}

	@BeforeEach
	void scenario() {
		db.execute("TRUNCATE accounts, users, statuses, media_attachments, preview_cards CASCADE");
		this.jdbc = db.jdbc();
		MastodonData data = new MastodonData(db.dataSource());
		Account bob = data.remoteAccount("bob", "example.com")
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(daysAgo(30))
			.avatar("ab12ab12ab12ab12.gif", 100)
			.header("cd34cd34cd34cd34.jpeg", 200)
			.insert();
		for (int i = 0; i < 3; i++) {
			data.media(bob)
				.remote("https://example.com/" + i + ".mp4")
				.status(data.status(bob).remote().insert())
				.file("0fb3c1e2a9d84b7" + i + ".mp4", "video/mp4", 1000)
				.thumbnail("c3d4c3d4c3d4c3d" + i + ".png", "image/png", 50)
				.createdAt(daysAgo(30))
				.insert();
		}
		data.media(bob).remote("https://example.com/new.jpg").file("1111111111111111.jpeg", "image/jpeg", 10).insert();
		data.previewCard("https://example.com/article")
			.image("e5f6e5f6e5f6e5f6.jpeg", 300)
			.updatedAt(daysAgo(365))
			.insert();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			MEDIA_REMOVE         | media-remove.batch-size=2
			MEDIA_REMOVE         | media-remove.prune-profiles=true
			PREVIEW_CARDS_REMOVE | preview-cards-remove.batch-size=1
			MEDIA_REMOVE_ORPHANS | media-remove-orphans.min-age=0s
			""")
	void dryRunChangesNothingAndRecordsWhatTheRealRunRemoves(Level level, String option) throws Exception {
		try (MediaStore store = MediaStore.open(Backend.FILESYSTEM, this.root, "")) {
			store.writeAll(10, allKeys());
			store.write("cache/media_attachments/files/109/372/843/181/422/913/original/orphan.jpeg", 10);
			JobHarness harness = JobHarness
				.on(new MastodonResources(db.dataSource(), store.storage(), null, List.of()));
			List<String> keysBefore = store.keys();
			List<Map<String, Object>> rowsBefore = rows();

			JobExecution dryRun = harness.run("levels=" + level.stepName(), option, "dry-run=true");

			assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(store.keys()).isEqualTo(keysBefore);
			assertThat(rows()).isEqualTo(rowsBefore);
			List<Entry> planned = ManifestEntries.of(this.jdbc, dryRun, level.stepName());
			assertThat(planned).isNotEmpty().allSatisfy((entry) -> assertThat(entry.state()).isEqualTo("dry-run"));

			JobExecution real = harness.run("levels=" + level.stepName(), option);

			assertThat(real.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			List<Entry> done = ManifestEntries.of(this.jdbc, real, level.stepName());
			assertThat(ManifestEntries.subjects(planned, "objects", "dry-run"))
				.isEqualTo(ManifestEntries.subjects(done, "objects", "removed"));
			assertThat(ManifestEntries.subjects(planned, "rows", "dry-run"))
				.isEqualTo(ManifestEntries.subjects(done, "rows", "removed"));
			assertThat(recordedSizes(planned, "dry-run")).isEqualTo(recordedSizes(done, "removed"));
			assertThat(store.keys()).doesNotContainAnyElementsOf(ManifestEntries.subjects(done, "objects", "removed"));
		}
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			FILESYSTEM | MEDIA_REMOVE         | media-remove.batch-size=2
			FILESYSTEM | MEDIA_REMOVE         | media-remove.prune-profiles=true
			FILESYSTEM | PREVIEW_CARDS_REMOVE | preview-cards-remove.batch-size=1
			FILESYSTEM | MEDIA_REMOVE_ORPHANS | media-remove-orphans.min-age=0s
			S3         | MEDIA_REMOVE         | media-remove.batch-size=2
			S3         | MEDIA_REMOVE         | media-remove.prune-profiles=true
			S3         | PREVIEW_CARDS_REMOVE | preview-cards-remove.batch-size=1
			S3         | MEDIA_REMOVE_ORPHANS | media-remove-orphans.min-age=0s
			""")
	void dryRunReportsTheFiguresTheRealRunThenReports(Backend backend, Level level, String option) throws Exception {
		try (MediaStore store = MediaStore.open(backend, this.root, "")) {
			// each file its own size, none of them the size Mastodon recorded; one
			// recorded file is missing
			List<String> keys = allKeys();
			for (int i = 1; i < keys.size(); i++) {
				store.write(keys.get(i), 100 + 37 * i);
			}
			store.write("cache/media_attachments/files/109/372/843/181/422/913/original/orphan.jpeg", 4321);
			JobHarness harness = JobHarness
				.on(new MastodonResources(db.dataSource(), store.storage(), null, List.of()));

			LevelReport predicted = report(harness, harness.run("levels=" + level.stepName(), option, "dry-run=true"),
					level);
			LevelReport done = report(harness, harness.run("levels=" + level.stepName(), option), level);

			assertThat(predicted.dryRun()).isTrue();
			assertThat(predicted.objectsRemoved()).isPositive().isEqualTo(done.objectsRemoved());
			assertThat(predicted.bytesStorage()).isEqualTo(done.bytesStorage());
			// S3 objects are sized only where a listing gave their size (orphans), the
			// filesystem's always
			if (backend == Backend.S3 && level != Level.MEDIA_REMOVE_ORPHANS) {
				assertThat(done.bytesStorage()).isZero();
				assertThat(predicted.storageSummary()).isEqualTo("Would remove " + done.objectsRemoved()
						+ " stored objects (no sizes from the storage) (DRY RUN)");
			}
			else {
				assertThat(done.bytesStorage()).isPositive();
				assertThat(predicted.storageSummary())
					.isEqualTo("Would remove " + done.objectsRemoved() + " stored objects (would free "
							+ LevelReport.humanSize(done.bytesStorage()) + " as sized by the storage) (DRY RUN)");
			}
			assertThat(predicted.rowsChanged()).isEqualTo(done.rowsChanged());
			assertThat(predicted.bytesRecorded()).isEqualTo(done.bytesRecorded());
			assertThat(done.objectsFailed()).isZero();
		}
	}

	private static LevelReport report(JobHarness harness, JobExecution execution, Level level) {
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution step = harness.step(execution, level);
		return LevelReport.of(step.getExecutionContext());
	}

	private static List<String> recordedSizes(List<Entry> entries, String state) {
		return entries.stream()
			.filter((entry) -> entry.kind().equals("objects") && entry.state().equals(state))
			.map((entry) -> entry.subject() + " " + entry.recordedBytes())
			.sorted()
			.toList();
	}

	private List<String> allKeys() {
		List<String> keys = new ArrayList<>();
		this.jdbc.query("SELECT id, file_file_name, thumbnail_file_name FROM media_attachments", (rs) -> {
			String partition = IdPartition.of(rs.getLong("id"));
			String name = rs.getString("file_file_name");
			keys.add("cache/media_attachments/files/" + partition + "/original/" + name);
			keys.add("cache/media_attachments/files/" + partition + "/small/"
					+ name.replaceAll("\\.[a-z0-9]+$", ".png"));
			if (rs.getString("thumbnail_file_name") != null) {
				keys.add("cache/media_attachments/thumbnails/" + partition + "/original/"
						+ rs.getString("thumbnail_file_name"));
			}
		});
		this.jdbc.query("SELECT id FROM accounts", (rs) -> {
			String partition = IdPartition.of(rs.getLong("id"));
			keys.add("cache/accounts/avatars/" + partition + "/original/ab12ab12ab12ab12.gif");
			keys.add("cache/accounts/avatars/" + partition + "/static/ab12ab12ab12ab12.png");
			keys.add("cache/accounts/headers/" + partition + "/original/cd34cd34cd34cd34.jpeg");
		});
		this.jdbc.query("SELECT id FROM preview_cards", (rs) -> {
			keys.add("cache/preview_cards/images/" + IdPartition.of(rs.getLong("id"))
					+ "/original/e5f6e5f6e5f6e5f6.jpeg");
		});
		return keys;
	}

	private List<Map<String, Object>> rows() {
		return this.jdbc.queryForList(
				"""
						SELECT 'media' AS kind, id, file_file_name AS name, thumbnail_file_name AS other, updated_at FROM media_attachments
						UNION ALL SELECT 'account', id, avatar_file_name, header_file_name, updated_at FROM accounts
						UNION ALL SELECT 'card', id, image_file_name, NULL, updated_at FROM preview_cards
						ORDER BY kind, id
						""");
	}

}
