package dev.mastodonmaintenance.batch.previewcards;

import java.nio.file.Path;
import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData.CardType;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code preview-cards-remove} on S3 (Mastodon's spec cases;
 * {@link PreviewCardsRemoveTests} has them on the filesystem): a link card updated 10
 * years ago, a photo card 10 months ago and a photo card 10 days ago, each with a 59.6 KB
 * image, removed in batched DeleteObjects requests.
 */
class PreviewCardsRemoveOnS3Tests {

	private static final int IMAGE_SIZE = 61_030;

	private static MastodonDatabase db;

	@TempDir
	Path root;

	private MediaStore store;

	private JobHarness harness;

	private String linkImage;

	private String oldPhotoImage;

	private String recentPhotoImage;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withFixture(PreviewCardsRemoveOnS3Tests.class);
	}

	@BeforeEach
	void cards() {
		db.execute("TRUNCATE preview_cards, preview_cards_statuses CASCADE");
		MastodonData data = new MastodonData(db.dataSource());
		this.linkImage = card(data, CardType.LINK, "a1b2c3d4e5f60718.jpeg", 3650);
		this.oldPhotoImage = card(data, CardType.PHOTO, "b1b2c3d4e5f60718.png", 300);
		this.recentPhotoImage = card(data, CardType.PHOTO, "c1b2c3d4e5f60718.jpeg", 10);
		this.store = MediaStore.open(Backend.S3, this.root, "");
		this.store.writeAll(100, List.of(this.linkImage, this.oldPhotoImage, this.recentPhotoImage));
		this.harness = JobHarness.on(new MastodonResources(db.dataSource(), this.store.storage(), null, List.of()));
	}

	@AfterEach
	void close() {
		this.store.close();
	}

	@Test
	void byDefaultCardsOlderThan180DaysLoseTheirImage() throws Exception {
		JobExecution execution = run("levels=preview-cards-remove");

		assertThat(summary(execution)).contains("Removed media from 2 preview cards (approx. 119 KB)")
			.contains("Removed 2 stored objects");
		assertThat(this.store.keys()).containsExactly(this.recentPhotoImage);
	}

	@Test
	void linkOnlyTakesLinkCards() throws Exception {
		JobExecution execution = run("levels=preview-cards-remove", "preview-cards-remove.link=true");

		assertThat(summary(execution)).contains("Removed media from 1 link-type preview cards (approx. 59.6 KB)");
		assertThat(this.store.keys()).containsExactlyInAnyOrder(this.oldPhotoImage, this.recentPhotoImage);
	}

	@Test
	void daysMovesTheCutoff() throws Exception {
		JobExecution execution = run("levels=preview-cards-remove", "preview-cards-remove.days=365");

		assertThat(summary(execution)).contains("Removed media from 1 preview cards (approx. 59.6 KB)");
		assertThat(this.store.keys()).containsExactlyInAnyOrder(this.oldPhotoImage, this.recentPhotoImage);
	}

	private static String card(MastodonData data, CardType type, String image, double daysAgo) {
		long id = data.previewCard("https://example.com/" + image)
			.type(type)
			.image(image, IMAGE_SIZE)
			.createdAt(daysAgo(daysAgo))
			.updatedAt(daysAgo(daysAgo))
			.insert()
			.id();
		return "cache/preview_cards/images/" + IdPartition.of(id) + "/original/" + image;
	}

	private JobExecution run(String... parameters) throws Exception {
		JobExecution execution = this.harness.run(parameters);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return execution;
	}

	private String summary(JobExecution execution) {
		return this.harness.step(execution, Level.PREVIEW_CARDS_REMOVE).getExitStatus().getExitDescription();
	}

}
