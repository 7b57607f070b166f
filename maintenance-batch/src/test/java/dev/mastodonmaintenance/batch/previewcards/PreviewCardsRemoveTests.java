package dev.mastodonmaintenance.batch.previewcards;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.testing.MastodonData.CardType;
import dev.mastodonmaintenance.testing.MastodonData.PreviewCard;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code preview-cards-remove} on the filesystem: tootctl's scenarios P1-P3 (a link card
 * updated 10 years ago, photo cards updated 10 months and 10 days ago, images of 59.6
 * KB), the exclusive cut-off, the key layout (cache prefix by schema version, GIF
 * originals under their stored name) and a dry run.
 */
class PreviewCardsRemoveTests {

	private static final int IMAGE_SIZE = 61_030;

	private static MastodonDatabase db;

	@TempDir
	Path root;

	private MastodonData data;

	private StorageFiles files;

	private JobHarness harness;

	private PreviewCard linkCard;

	private PreviewCard oldPhoto;

	private PreviewCard recentPhoto;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(PreviewCardsRemoveTests.class);
	}

	@BeforeEach
	void seed() {
		this.harness = JobHarness
			.on(new MastodonResources(db.dataSource(), new FilesystemStorage(this.root), null, List.of()));
		db.execute("TRUNCATE preview_cards, preview_cards_statuses RESTART IDENTITY CASCADE; "
				+ "TRUNCATE mastodon_maintenance.deletion_manifest");
		this.data = new MastodonData(db.dataSource());
		this.files = new StorageFiles(this.root);
		this.linkCard = card(CardType.LINK, "a1b2c3d4e5f60718.jpeg", daysAgo(3650));
		this.oldPhoto = card(CardType.PHOTO, "b1b2c3d4e5f60718.png", daysAgo(300));
		this.recentPhoto = card(CardType.PHOTO, "c1b2c3d4e5f60718.jpeg", daysAgo(10));
		this.files.write("cache/preview_cards/images/000/000/001/original/a1b2c3d4e5f60718.jpeg", IMAGE_SIZE);
		this.files.write("cache/preview_cards/images/000/000/002/original/b1b2c3d4e5f60718.png", IMAGE_SIZE);
		this.files.write("cache/preview_cards/images/000/000/003/original/c1b2c3d4e5f60718.jpeg", IMAGE_SIZE);
	}

	private PreviewCard card(CardType type, String image, LocalDateTime updatedAt) {
		return this.data.previewCard("https://example.com/" + image)
			.type(type)
			.image(image, IMAGE_SIZE)
			.createdAt(updatedAt)
			.updatedAt(updatedAt)
			.insert();
	}

	@Test
	void removesImagesOfCardsOlderThan180DaysByDefault() throws Exception {
		JobExecution execution = this.harness.run("levels=preview-cards-remove");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(imageNames()).containsExactly(entry(this.linkCard, null), entry(this.oldPhoto, null),
				entry(this.recentPhoto, "c1b2c3d4e5f60718.jpeg"));
		assertThat(this.files.keys())
			.containsExactly("cache/preview_cards/images/000/000/003/original/c1b2c3d4e5f60718.jpeg");
		assertThat(this.files.directories()).doesNotContain("cache/preview_cards/images/000/000/001");
		assertThat(summary(execution)).contains("Removed media from 2 preview cards (approx. 119 KB)")
			.contains("Removed 2 stored objects (119 KB as reported by the storage)");
	}

	@Test
	void keepsTheCardsTheirLinksAndOtherColumns() throws Exception {
		MastodonData.Account bob = this.data.remoteAccount("bob", "example.org").insert();
		MastodonData.Status status = this.data.status(bob).remote().createdAt(daysAgo(400)).insert();
		this.data.linkCard(this.linkCard, status);

		this.harness.run("levels=preview-cards-remove");

		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM preview_cards", Integer.class)).isEqualTo(3);
		assertThat(db.jdbc().queryForObject("SELECT count(*) FROM preview_cards_statuses", Integer.class)).isOne();
		Map<String, Object> cleared = db.jdbc()
			.queryForMap("SELECT * FROM preview_cards WHERE id = ?", this.linkCard.id());
		assertThat(cleared).containsEntry("image_content_type", null)
			.containsEntry("image_file_size", null)
			.containsEntry("image_updated_at", null)
			.containsEntry("url", this.linkCard.url());
		assertThat((LocalDateTime) ((java.sql.Timestamp) cleared.get("updated_at")).toLocalDateTime())
			.isAfter(daysAgo(1));
	}

	@Test
	void removesOnlyLinkCardsWithLink() throws Exception {
		JobExecution execution = this.harness.run("levels=preview-cards-remove", "preview-cards-remove.link=true");

		assertThat(imageNames()).containsExactly(entry(this.linkCard, null),
				entry(this.oldPhoto, "b1b2c3d4e5f60718.png"), entry(this.recentPhoto, "c1b2c3d4e5f60718.jpeg"));
		assertThat(summary(execution)).contains("Removed media from 1 link-type preview cards (approx. 59.6 KB)");
	}

	@Test
	void honoursDays() throws Exception {
		JobExecution execution = this.harness.run("levels=preview-cards-remove", "preview-cards-remove.days=365");

		assertThat(imageNames()).containsExactly(entry(this.linkCard, null),
				entry(this.oldPhoto, "b1b2c3d4e5f60718.png"), entry(this.recentPhoto, "c1b2c3d4e5f60718.jpeg"));
		assertThat(summary(execution)).contains("Removed media from 1 preview cards (approx. 59.6 KB)");
	}

	@Test
	void keepsACardUpdatedExactlyAtTheCutOff() throws Exception {
		Instant runAt = Instant.parse("2026-11-25T12:00:00Z");
		LocalDateTime cutoff = LocalDateTime.ofInstant(runAt, ZoneOffset.UTC).minusDays(180);
		PreviewCard atCutoff = card(CardType.LINK, "d1b2c3d4e5f60718.jpeg", cutoff);
		PreviewCard justBefore = card(CardType.LINK, "e1b2c3d4e5f60718.jpeg", cutoff.minusNanos(1000));

		this.harness.runAt(runAt, "levels=preview-cards-remove");

		assertThat(imageNames()).contains(entry(atCutoff, "d1b2c3d4e5f60718.jpeg"), entry(justBefore, null));
	}

	@Test
	void findsEachImageWhereMastodonPutIt() throws Exception {
		PreviewCard gif = this.data.previewCard("https://example.com/gif")
			.image("f1b2c3d4e5f60718.gif", 10)
			.updatedAt(daysAgo(200))
			.insert();
		PreviewCard legacy = this.data.previewCard("https://example.com/legacy")
			.image("a0b2c3d4e5f60718.png", 10)
			.schemaVersion(null)
			.updatedAt(daysAgo(200))
			.insert();
		// a GIF's original is converted to JPEG but keeps its stored name: Mastodon names
		// originals after
		// image_file_name, whatever the style's format
		String gifOriginal = this.files.write("cache/preview_cards/images/000/000/004/original/f1b2c3d4e5f60718.gif",
				10);
		String legacyOriginal = this.files.write("preview_cards/images/000/000/005/original/a0b2c3d4e5f60718.png", 10);

		this.harness.run("levels=preview-cards-remove");

		assertThat(imageNames()).contains(entry(gif, null), entry(legacy, null));
		assertThat(this.files.keys()).doesNotContain(gifOriginal, legacyOriginal);
	}

	@Test
	void dryRunChangesNothingAndRecordsWhatTheRealRunRemoves() throws Exception {
		List<String> filesBefore = this.files.keys();

		JobExecution dryRun = this.harness.run("levels=preview-cards-remove", "dry-run=true");

		assertThat(this.files.keys()).isEqualTo(filesBefore);
		assertThat(imageNames()).allSatisfy((card, name) -> assertThat(name).isNotNull());
		assertThat(summary(dryRun)).contains("Removed media from 2 preview cards (approx. 119 KB) (DRY RUN)");

		JobExecution real = this.harness.run("levels=preview-cards-remove");

		assertThat(manifest(dryRun, "dry-run")).hasSize(4).isEqualTo(manifest(real, "removed"));
	}

	private List<String> manifest(JobExecution execution, String state) {
		return db.jdbc()
			.queryForList("SELECT m.subject_kind || ' ' "
					+ "|| coalesce(o.key || ' ' || coalesce(o.bytes::text, '-'), m.subject || '#' || r.id) "
					+ "FROM mastodon_maintenance.deletion_manifest m LEFT JOIN LATERAL unnest(m.row_ids) AS r(id) ON true "
					+ "LEFT JOIN LATERAL unnest(m.object_keys, m.object_recorded_bytes) AS o(key, bytes) ON true "
					+ "WHERE m.job_execution_id = ? AND m.state = ? ORDER BY 1", String.class, execution.getId(),
					state);
	}

	private Map<Long, String> imageNames() {
		Map<Long, String> names = new java.util.TreeMap<>();
		db.jdbc().query("SELECT id, image_file_name FROM preview_cards ORDER BY id", (rs) -> {
			names.put(rs.getLong(1), rs.getString(2));
		});
		return names;
	}

	private static Map.Entry<Long, String> entry(PreviewCard card, String imageName) {
		return new java.util.AbstractMap.SimpleEntry<>(card.id(), imageName);
	}

	private String summary(JobExecution execution) {
		return this.harness.step(execution, Level.PREVIEW_CARDS_REMOVE).getExitStatus().getExitDescription();
	}

}
