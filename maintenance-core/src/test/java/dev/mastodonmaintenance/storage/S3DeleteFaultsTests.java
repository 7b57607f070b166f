package dev.mastodonmaintenance.storage;

import java.time.Duration;
import java.util.List;

import dev.mastodonmaintenance.testing.FaultyS3Proxy;
import dev.mastodonmaintenance.testing.FaultyS3Proxy.Fault;
import dev.mastodonmaintenance.testing.TestS3;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link S3Storage}'s deletes against a real S3 server behind {@link FaultyS3Proxy}:
 * failed requests and keys are sent again with backoff, longer after {@code SlowDown},
 * within the retry budget; what still fails is reported with what the batch did, and
 * nothing the server deleted is deleted twice.
 */
class S3DeleteFaultsTests {

	private static final TestS3 s3 = TestS3.get();

	private static final Duration BACKOFF = Duration.ofMillis(50);

	private static final Duration SLOW_DOWN_BACKOFF = Duration.ofMillis(1500);

	private static final List<String> KEYS = List.of("media_attachments/files/000/000/001/original/a.jpg",
			"media_attachments/files/000/000/001/small/a.jpg", "media_attachments/files/000/000/002/original/b.png");

	private String bucket;

	private FaultyS3Proxy proxy;

	@BeforeEach
	void start() {
		this.bucket = s3.createBucket(S3DeleteFaultsTests.class);
		KEYS.forEach((key) -> s3.put(this.bucket, key, new byte[] { 1, 2, 3 }));
		this.proxy = FaultyS3Proxy.inFrontOf(s3.endpoint());
	}

	@AfterEach
	void stop() {
		this.proxy.close();
	}

	@Test
	void aRequestAnsweredWith500OrResetIsSentAgainAndDeletesOnce() {
		this.proxy.failNextDeletes(Fault.INTERNAL_ERROR, Fault.CONNECTION_RESET);

		DeletionReport report;
		try (S3Storage storage = storage(3, Duration.ofSeconds(30))) {
			report = storage.delete(KEYS);
		}

		assertThat(report.removed()).extracting(DeletionReport.Removed::key).containsExactlyInAnyOrderElementsOf(KEYS);
		assertThat(report.failed()).isEmpty();
		assertThat(this.proxy.faultsInjected()).containsExactly(Fault.INTERNAL_ERROR, Fault.CONNECTION_RESET);
		assertThat(this.proxy.deleteRequests()).isEqualTo(3);
		assertThat(this.proxy.deletedKeys()).containsExactlyInAnyOrderElementsOf(KEYS);
		assertThat(s3.keys(this.bucket)).isEmpty();
	}

	@Test
	void slowDownIsFollowedByTheLongerBackoff() {
		this.proxy.failNextDeletes(Fault.SLOW_DOWN);

		try (S3Storage storage = storage(3, Duration.ofSeconds(30))) {
			storage.delete(KEYS);
		}

		List<Long> sent = this.proxy.deleteRequestTimes();
		assertThat(sent).hasSize(2);
		assertThat(Duration.ofNanos(sent.get(1) - sent.get(0))).isGreaterThanOrEqualTo(SLOW_DOWN_BACKOFF);
		assertThat(s3.keys(this.bucket)).isEmpty();
	}

	@Test
	void aRequestStillFailingAfterItsAttemptsLeavesItsKeysUndone() {
		this.proxy.failNextDeletes(Fault.INTERNAL_ERROR, Fault.SLOW_DOWN, Fault.INTERNAL_ERROR);

		try (S3Storage storage = storage(3, Duration.ofSeconds(30))) {
			assertThatExceptionOfType(IncompleteDeletionException.class).isThrownBy(() -> storage.delete(KEYS))
				.withMessageContaining("refused DeleteObjects of 3 keys (3 attempts): InternalError (HTTP 500)")
				.satisfies((ex) -> assertThat(ex.done().removed()).isEmpty());
		}

		assertThat(this.proxy.deleteRequests()).isEqualTo(3);
		assertThat(this.proxy.deletedKeys()).isEmpty();
		assertThat(s3.keys(this.bucket)).containsExactlyInAnyOrderElementsOf(KEYS);
	}

	@Test
	void anAnswerThatNeverComesEndsWithTheRetryBudget() {
		this.proxy.failNextDeletes(Fault.NO_ANSWER);

		try (S3Storage storage = storage(3, Duration.ofSeconds(2))) {
			assertThatExceptionOfType(IncompleteDeletionException.class).isThrownBy(() -> storage.delete(KEYS))
				.withMessageContaining("Gave up on DeleteObjects of 3 keys")
				.withMessageContaining("after its retry budget of 2 s");
		}

		assertThat(this.proxy.deleteRequests()).isEqualTo(1);
		assertThat(s3.keys(this.bucket)).containsExactlyInAnyOrderElementsOf(KEYS);
	}

	@Test
	void keysAnsweredWithAPassingErrorAreSentAgainAlone() {
		this.proxy.failKeys(KEYS.get(1)::equals, "InternalError", 1);

		DeletionReport report;
		try (S3Storage storage = storage(3, Duration.ofSeconds(30))) {
			report = storage.delete(KEYS);
		}

		assertThat(report.removed()).extracting(DeletionReport.Removed::key).containsExactlyInAnyOrderElementsOf(KEYS);
		assertThat(this.proxy.deleteRequests()).isEqualTo(2);
		assertThat(this.proxy.deletedKeys()).containsExactlyInAnyOrderElementsOf(KEYS);
		assertThat(s3.keys(this.bucket)).isEmpty();
	}

	@Test
	void keysStillFailingWithAPassingErrorAreReportedUndoneBesideThoseRemoved() {
		this.proxy.failKeys(KEYS.get(1)::equals, "SlowDown", Integer.MAX_VALUE);

		try (S3Storage storage = storage(2, Duration.ofSeconds(30))) {
			assertThatExceptionOfType(IncompleteDeletionException.class).isThrownBy(() -> storage.delete(KEYS))
				.withMessageContaining("did not delete 1 of 3 keys of DeleteObjects (2 attempts): SlowDown")
				.satisfies((ex) -> {
					assertThat(ex.done().removed()).extracting(DeletionReport.Removed::key)
						.containsExactlyInAnyOrder(KEYS.get(0), KEYS.get(2));
					assertThat(ex.done().failed()).isEmpty();
				});
		}

		assertThat(this.proxy.deleteRequests()).isEqualTo(2);
		assertThat(this.proxy.deletedKeys()).containsExactlyInAnyOrder(KEYS.get(0), KEYS.get(2));
		assertThat(s3.keys(this.bucket)).containsExactly(KEYS.get(1));
	}

	@Test
	void aKeyRefusedForGoodIsReportedFailedWithoutRetry() {
		this.proxy.failKeys(KEYS.get(2)::equals, "AccessDenied", Integer.MAX_VALUE);

		DeletionReport report;
		try (S3Storage storage = storage(3, Duration.ofSeconds(30))) {
			report = storage.delete(KEYS);
		}

		assertThat(report.failed()).singleElement().satisfies((failed) -> {
			assertThat(failed.key()).isEqualTo(KEYS.get(2));
			assertThat(failed.reason()).startsWith("AccessDenied");
		});
		assertThat(this.proxy.deleteRequests()).isOne();
		assertThat(s3.keys(this.bucket)).containsExactly(KEYS.get(2));
	}

	private S3Storage storage(int attempts, Duration budget) {
		S3Settings direct = s3.settings(this.bucket, "");
		return new S3Storage(new S3Settings(direct.bucket(), this.proxy.endpoint(), direct.region(), "", true,
				direct.accessKeyId(), direct.secretAccessKey(), 1000, attempts, 4, Duration.ofSeconds(5),
				Duration.ofSeconds(5), new S3Settings.Retries(BACKOFF, SLOW_DOWN_BACKOFF, budget)));
	}

}
