package dev.mastodonmaintenance.batch.previewcards;

import java.nio.file.Path;
import java.util.List;

import dev.mastodonmaintenance.MastodonServer;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.MediaStore;
import dev.mastodonmaintenance.batch.testing.MediaStore.Backend;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import dev.mastodonmaintenance.testing.MediaRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code preview-cards-remove} (§14 P1 to P3) on both back-ends: a link card updated 10 years ago, a photo
 * card 10 months ago and a photo card 10 days ago, each with a 59.6 KB image.
 */
class PreviewCardRemovalTests {

	private static final int IMAGE_BYTES = 61_000;

	private static MastodonDatabase db;

	@TempDir
	Path root;

	private JdbcTemplate jdbc;

	private long linkCard;

	private long oldPhoto;

	private long recentPhoto;

	private JobHarness harness;

	@BeforeAll
	static void database() {
		db = MastodonDatabase.withRealSchema(PreviewCardRemovalTests.class, MastodonDatabase.realSchemaDump().orElseThrow());
	}

	@BeforeEach
	void cards() {
		this.jdbc = db.jdbc();
		MediaRows rows = new MediaRows(this.jdbc);
		rows.truncate();
		this.linkCard = rows.previewCard(0, "e5f6e5f6e5f6e5f6.jpeg", "image/jpeg", IMAGE_BYTES,
				MediaRows.now().minusYears(10));
		this.oldPhoto = rows.previewCard(1, "a7b8a7b8a7b8a7b8.gif", "image/gif", IMAGE_BYTES,
				MediaRows.now().minusMonths(10));
		this.recentPhoto = rows.previewCard(1, "c9d0c9d0c9d0c9d0.png", "image/png", IMAGE_BYTES,
				MediaRows.now().minusDays(10));
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void byDefaultCardsOlderThan180DaysLoseTheirImage(Backend backend) throws Exception {
		try (MediaStore store = withImages(backend)) {
			JobExecution execution = run(store, "levels=preview-cards-remove");

			assertThat(summary(execution)).contains("Removed media from 2 preview cards (approx. 119 KB)");
			assertThat(store.keys()).containsExactly(key(this.recentPhoto, "c9d0c9d0c9d0c9d0.png"));
			assertThat(this.jdbc.queryForList("SELECT id FROM preview_cards WHERE image_file_name IS NOT NULL", Long.class))
				.containsExactly(this.recentPhoto);
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM preview_cards", Long.class)).isEqualTo(3);
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void linkOnlyTakesLinkCards(Backend backend) throws Exception {
		try (MediaStore store = withImages(backend)) {
			JobExecution execution = run(store, "levels=preview-cards-remove", "preview-cards-remove.link=true");

			assertThat(summary(execution)).contains("Removed media from 1 link-type preview cards (approx. 59.6 KB)");
			assertThat(store.keys()).containsExactlyInAnyOrder(key(this.oldPhoto, "a7b8a7b8a7b8a7b8.gif"),
					key(this.recentPhoto, "c9d0c9d0c9d0c9d0.png"));
		}
	}

	@ParameterizedTest
	@EnumSource(Backend.class)
	void daysMovesTheCutoff(Backend backend) throws Exception {
		try (MediaStore store = withImages(backend)) {
			JobExecution execution = run(store, "levels=preview-cards-remove", "preview-cards-remove.days=365");

			assertThat(summary(execution)).contains("Removed media from 1 preview cards (approx. 59.6 KB)");
			assertThat(store.keys()).doesNotContain(key(this.linkCard, "e5f6e5f6e5f6e5f6.jpeg")).hasSize(2);
		}
	}

	private MediaStore withImages(Backend backend) {
		MediaStore store = MediaStore.open(backend, this.root, "");
		store.write(key(this.linkCard, "e5f6e5f6e5f6e5f6.jpeg"), 100);
		store.write(key(this.oldPhoto, "a7b8a7b8a7b8a7b8.gif"), 100);
		store.write(key(this.recentPhoto, "c9d0c9d0c9d0c9d0.png"), 100);
		return store;
	}

	private JobExecution run(MediaStore store, String... parameters) throws Exception {
		this.harness = JobHarness.on(new MastodonServer(db.dataSource(), store.storage(), null, List.of()));
		JobExecution execution = this.harness.run(parameters);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return execution;
	}

	private String summary(JobExecution execution) {
		return this.harness.step(execution, Level.PREVIEW_CARDS_REMOVE).getExitStatus().getExitDescription();
	}

	private static String key(long cardId, String fileName) {
		return "cache/preview_cards/images/" + IdPartition.of(cardId) + "/original/" + fileName;
	}

}
