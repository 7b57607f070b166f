package dev.mastodonmaintenance.batch.statuses;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.mastodonmaintenance.MastodonResources;
import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelReport;
import dev.mastodonmaintenance.batch.MaintenanceJob;
import dev.mastodonmaintenance.batch.testing.JobHarness;
import dev.mastodonmaintenance.batch.testing.SqlHooks;
import dev.mastodonmaintenance.batch.testing.StorageFiles;
import dev.mastodonmaintenance.storage.FilesystemStorage;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Conversation;
import dev.mastodonmaintenance.testing.MastodonData.MediaAttachment;
import dev.mastodonmaintenance.testing.MastodonData.MediaBuilder;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code statuses-remove} as a step: tootctl's keep rules side by side in one run, the
 * boost cascade, a status favourited between selection and deletion, a crash mid-step and
 * its restart, the orphaned media and conversation phases, a dry run and the statistics.
 */
class StatusesRemoveTests {

	@TempDir
	Path root;

	private MastodonDatabase db;

	private SqlHooks hooks;

	private JdbcTemplate jdbc;

	private MastodonData data;

	private StorageFiles files;

	private JobHarness harness;

	private Account alice;

	private Account bob;

	private Account carol;

	@BeforeEach
	void createDatabase() {
		this.db = MastodonDatabase.withFixture(getClass());
		this.hooks = new SqlHooks(this.db.dataSource());
		this.jdbc = this.db.jdbc();
		this.data = new MastodonData(this.db.dataSource());
		this.files = new StorageFiles(this.root);
		this.harness = JobHarness
			.on(new MastodonResources(this.hooks, new FilesystemStorage(this.root), null, List.of()));
		this.alice = this.data.localAccount("alice").insert();
		this.bob = this.data.remoteAccount("bob", "remote.example").insert();
		this.carol = this.data.remoteAccount("carol", "elsewhere.example").insert();
	}

	@Test
	void everyKeepRuleKeepsItsStatusWhileItsTwinGoes() throws Exception {
		List<Status> kept = new ArrayList<>();
		List<Status> removed = new ArrayList<>();
		kept.add(this.data.status(this.alice).createdAt(daysAgo(100)).insert());
		kept.add(this.data.status(this.bob).createdAt(daysAgo(100)).remote().uri(null).insert());
		kept.add(this.data.status(this.bob).createdAt(daysAgo(100)).localColumn(null).insert());
		kept.add(this.data.status(this.bob).createdAt(daysAgo(100)).deleted().insert());
		kept.add(this.data.status(this.bob).createdAt(daysAgo(89)).insert());
		Status repliedTo = kept(kept);
		removed.add(this.data.status(this.carol).createdAt(daysAgo(95)).replyTo(repliedTo).insert());
		Status localOriginal = this.data.status(this.alice).createdAt(daysAgo(120)).insert();
		kept.add(this.data.status(this.bob).createdAt(daysAgo(100)).reblogOf(localOriginal).insert());
		this.data.status(this.alice).createdAt(daysAgo(95)).reblogOf(kept(kept)).insert();
		this.data.status(this.carol).createdAt(daysAgo(10)).reblogOf(kept(kept)).insert();
		this.data.pin(this.carol, kept(kept));
		this.data.mention(kept(kept), this.alice);
		this.data.favourite(this.alice, kept(kept));
		this.data.bookmark(this.alice, kept(kept));
		this.data.quote(this.data.status(this.alice).insert(), kept(kept));
		this.data.quote(kept(kept), localOriginal);
		Account followed = this.data.remoteAccount("dave", "remote.example").insert();
		this.data.follow(this.alice, followed);
		kept.add(this.data.status(followed).createdAt(daysAgo(100)).insert());
		// their twins, without the protection
		removed.add(removable());
		Status remoteOriginal = removable();
		removed.add(remoteOriginal);
		removed.add(this.data.status(this.bob).createdAt(daysAgo(100)).reblogOf(remoteOriginal).insert());
		Status mentioningRemote = removable();
		this.data.mention(mentioningRemote, this.carol);
		removed.add(mentioningRemote);
		Status favouritedRemotely = removable();
		this.data.favourite(this.carol, favouritedRemotely);
		removed.add(favouritedRemotely);
		Status quotedRemotely = removable();
		this.data.quote(this.data.status(this.carol).insert(), quotedRemotely);
		removed.add(quotedRemotely);

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=4");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(kept)).containsExactlyInAnyOrderElementsOf(ids(kept));
		assertThat(existing(removed)).isEmpty();
		// the boost of remoteOriginal goes directly or by cascade, depending on the
		// window it falls in
		LevelReport report = LevelReport.of(step(execution).getExecutionContext());
		assertThat(report.rowsChanged() + report.rowsCascaded()).isEqualTo(removed.size());
		assertThat(summary(execution)).containsPattern("Removed (\\d+) out of \\1 statuses");
		assertThat(step(execution).getCommitCount()).isGreaterThan(3);
	}

	@Test
	void statusesOfFollowedAuthorsGoWithCleanFollowed() throws Exception {
		Account followed = this.data.remoteAccount("dave", "remote.example").insert();
		this.data.follow(this.alice, followed);
		Status ofFollowed = this.data.status(followed).createdAt(daysAgo(100)).insert();

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.clean-followed=true");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(List.of(ofFollowed))).isEmpty();
	}

	@Test
	void boostsOfRemovedStatusesGoByCascadeAndAreReported() throws Exception {
		Status original = removable();
		Status boost = this.data.status(this.carol).createdAt(daysAgo(95)).reblogOf(original).insert();

		// one range of ids walked in order, so the original's window comes first and
		// takes its boost along
		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1",
				"statuses-remove.concurrency=1");

		assertThat(existing(List.of(original, boost))).isEmpty();
		assertThat(summary(execution)).contains("Removed 1 out of 1 statuses, and 1 boosts of them by cascade");
	}

	@Test
	void statusFavouritedBetweenSelectionAndDeletionIsKept() throws Exception {
		Status favouritedMeanwhile = removable();
		Status other = removable();
		JdbcTemplate otherSession = new JdbcTemplate(this.db.dataSource());
		this.hooks.after("SELECT s.id FROM statuses s WHERE s.id > ?", 1,
				() -> otherSession.update("INSERT INTO favourites (account_id, status_id, created_at, updated_at) "
						+ "VALUES (?, ?, now(), now())", this.alice.id(), favouritedMeanwhile.id()));

		// one lane: the first candidate query is the window of these two
		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.concurrency=1");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(List.of(favouritedMeanwhile, other))).containsExactly(favouritedMeanwhile.id());
		assertThat(summary(execution))
			.contains("Removed 1 out of 2 statuses; 1 kept: they gained local activity since they were found");
	}

	@Test
	void crashMidStepThenRestartEndsAsAnUninterruptedRun() throws Exception {
		List<Status> kept = new ArrayList<>();
		List<Status> removed = new ArrayList<>();
		List<String> keptFiles = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			Status status = removable();
			if (i % 3 == 0) {
				this.data.favourite(this.alice, status);
				kept.add(status);
			}
			else {
				removed.add(status);
			}
			MediaAttachment media = this.data.media(this.bob)
				.remote("https://remote.example/" + i + ".png")
				.file(String.format("%016x.png", i), "image/png", 10)
				.status(status)
				.createdAt(daysAgo(100))
				.insert();
			String original = mediaKey(media, "original", String.format("%016x.png", i));
			String small = mediaKey(media, "small", String.format("%016x.png", i));
			this.files.write(original, 10);
			this.files.write(small, 5);
			if (i % 3 == 0) {
				keptFiles.add(original);
				keptFiles.add(small);
			}
		}
		this.hooks.failOn("WITH RECURSIVE chosen AS ( SELECT s.id FROM statuses s WHERE s.id = ANY", 3);

		JobExecution failed = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=2");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getAllFailureExceptions()).singleElement()
			.satisfies((ex) -> assertThat(ex).rootCause().hasMessageStartingWith("Connection to the database lost"));
		assertThat(existing(removed)).isNotEmpty().hasSizeLessThan(removed.size());

		JobExecution restarted = this.harness.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(kept)).containsExactlyInAnyOrderElementsOf(ids(kept));
		assertThat(existing(removed)).isEmpty();
		assertThat(this.files.keys()).containsExactlyInAnyOrderElementsOf(keptFiles);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM media_attachments", Integer.class)).isEqualTo(4);
		assertThat(this.jdbc.queryForList("SELECT o.key FROM mastodon_maintenance.deletion_manifest m, "
				+ "unnest(m.object_keys) AS o(key) GROUP BY o.key HAVING count(*) > 1 OR bool_or(m.state <> 'removed')",
				String.class))
			.as("each file removed once, none left pending")
			.isEmpty();
		assertThat(summary(restarted)).contains("Removed " + removed.size() + " out of " + removed.size() + " statuses")
			.contains("Removed 8 out of 8 media_attachments");
	}

	@Test
	void windowsAtOnceRemoveWhatOneAtATimeDoes() throws Exception {
		List<Status> removed = new ArrayList<>();
		List<Status> kept = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			Status original = removable();
			removed.add(original);
			// a remote boost of it, a candidate of another window, goes with its original
			removed.add(this.data.status(this.carol).createdAt(daysAgo(95)).reblogOf(original).insert());
			Status favourited = removable();
			this.data.favourite(this.alice, favourited);
			kept.add(favourited);
		}

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1",
				"statuses-remove.concurrency=4");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(removed)).isEmpty();
		assertThat(existing(kept)).containsExactlyInAnyOrderElementsOf(ids(kept));
		// each boost is either its own window's candidate or taken along by its
		// original's window, never both
		long cascaded = step(execution).getExecutionContext().getLong(StatusesRemoveLevel.CASCADED);
		long direct = removed.size() - cascaded;
		assertThat(summary(execution)).startsWith("Removed " + direct + " out of " + direct + " statuses")
			.doesNotContain("kept");
	}

	@Test
	void parentKeptAsTootctlKeepsItThoughAnotherRangeRemovedItsReplyFirst() throws Exception {
		// the first range of ids walks these before it reaches the parent...
		List<Status> before = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			before.add(this.data.status(this.bob).createdAt(daysAgo(100)).insert());
		}
		Status parent = this.data.status(this.bob).createdAt(daysAgo(99)).insert();
		// ...while the second range starts with the reply, a candidate
		Status reply = this.data.status(this.carol).createdAt(daysAgo(91)).replyTo(parent).insert();

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1",
				"statuses-remove.concurrency=2");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(List.of(parent, reply))).as("tootctl's extraction sees the reply: the parent stays")
			.containsExactly(parent.id());
		assertThat(existing(before)).isEmpty();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM mastodon_maintenance.replied_statuses", Long.class))
			.as("forgotten once the phase is over")
			.isZero();
	}

	@Test
	void repliesNotedByAnAbandonedRunAreForgottenByTheNextRun() throws Exception {
		JobExecution abandoned = failAfterNotingAReply();
		this.harness.operator().abandon(abandoned);

		JobExecution next = this.harness.run("levels=statuses-remove", "statuses-remove.concurrency=1");

		assertThat(next.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(notedRuns()).isEmpty();
	}

	@Test
	void repliesNotedByAFailedRunAreKeptForItsRestart() throws Exception {
		JobExecution failed = failAfterNotingAReply();
		long failedRun = failed.getJobInstance().getInstanceId();

		this.harness.run("levels=statuses-remove", "statuses-remove.concurrency=1");

		assertThat(notedRuns()).containsExactly(failedRun);
		assertThat(this.harness.restart(failed).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(notedRuns()).isEmpty();
	}

	// One lane, one status per window: the parent is kept, its reply deleted and the
	// parent noted, then the
	// deletion of the next status fails.
	private JobExecution failAfterNotingAReply() throws Exception {
		Status parent = this.data.status(this.bob).createdAt(daysAgo(102)).insert();
		this.data.status(this.carol).createdAt(daysAgo(101)).replyTo(parent).insert();
		removable();
		this.hooks.failOn("WITH RECURSIVE chosen AS ( SELECT s.id FROM statuses s WHERE s.id = ANY", 2);
		JobExecution failed = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1",
				"statuses-remove.concurrency=1");
		this.hooks.clear();
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(notedRuns()).containsExactly(failed.getJobInstance().getInstanceId());
		return failed;
	}

	private List<Long> notedRuns() {
		return this.jdbc.queryForList("SELECT DISTINCT run_id FROM mastodon_maintenance.replied_statuses", Long.class);
	}

	@Test
	void stopMidPhaseThenRestartCountsEveryWindowOnce() throws Exception {
		List<Status> removed = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			removed.add(removable());
		}
		this.hooks.after("WITH RECURSIVE chosen AS ( SELECT s.id FROM statuses s WHERE s.id = ANY", 3,
				this::stopRunningExecutions);

		JobExecution stopped = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1");

		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(existing(removed)).isNotEmpty().hasSizeLessThan(removed.size());

		JobExecution restarted = this.harness.restart(stopped);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(removed)).isEmpty();
		assertThat(summary(restarted)).startsWith("Removed 12 out of 12 statuses");
	}

	@Test
	void windowThatLosesADeadlockIsRedone() throws Exception {
		List<Status> removed = List.of(removable(), removable(), removable());
		this.hooks.loseDeadlockOn("WITH RECURSIVE chosen AS ( SELECT s.id FROM statuses s WHERE s.id = ANY", 2);

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(existing(removed)).isEmpty();
		assertThat(summary(execution)).contains("Removed 3 out of 3 statuses");
	}

	@Test
	void unattachedMediaAndOrphanedConversationsGoAfterTheStatuses() throws Exception {
		Conversation thread = old(this.data.conversation());
		Status inThread = this.data.status(this.bob).createdAt(daysAgo(100)).conversation(thread).insert();
		Conversation livingThread = old(this.data.conversation());
		this.data.status(this.bob).conversation(livingThread).insert();
		Conversation emptyAlready = old(this.data.conversation());
		Conversation brandNew = this.data.conversation();
		MediaAttachment ofRemoved = this.data.media(this.bob)
			.remote("https://remote.example/a.jpg")
			.file("aaaaaaaaaaaaaaaa.jpg", "image/jpeg", 1000)
			.thumbnail("bbbbbbbbbbbbbbbb.jpg", "image/jpeg", 100)
			.status(inThread)
			.createdAt(daysAgo(100))
			.insert();
		MediaAttachment unattachedLongAgo = this.data.media(this.alice)
			.file("cccccccccccccccc.png", "image/png", 10)
			.createdAt(daysAgo(89.5))
			.insert();
		MediaAttachment unattachedRecently = this.data.media(this.alice)
			.file("dddddddddddddddd.png", "image/png", 10)
			.createdAt(daysAgo(88.5))
			.insert();
		MediaAttachment scheduled = this.data.media(this.alice)
			.file("eeeeeeeeeeeeeeee.png", "image/png", 10)
			.scheduledStatus(this.data.scheduledStatus(this.alice))
			.createdAt(daysAgo(100))
			.insert();
		this.files.write(mediaKey(ofRemoved, "original", "aaaaaaaaaaaaaaaa.jpg"), 1000);
		this.files.write(mediaKey(ofRemoved, "small", "aaaaaaaaaaaaaaaa.jpg"), 500);
		this.files.write("cache/media_attachments/thumbnails/" + IdPartition.of(ofRemoved.id())
				+ "/original/bbbbbbbbbbbbbbbb.jpg", 100);
		String localKey = "media_attachments/files/" + IdPartition.of(unattachedLongAgo.id())
				+ "/original/cccccccccccccccc.png";
		this.files.write(localKey, 10);
		String recentKey = "media_attachments/files/" + IdPartition.of(unattachedRecently.id())
				+ "/original/dddddddddddddddd.png";
		this.files.write(recentKey, 10);

		JobExecution execution = this.harness.run("levels=statuses-remove");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList("SELECT id FROM media_attachments", Long.class))
			.containsExactlyInAnyOrder(unattachedRecently.id(), scheduled.id());
		assertThat(this.files.keys()).containsExactly(recentKey);
		assertThat(this.jdbc.queryForList("SELECT id FROM conversations", Long.class))
			.containsExactlyInAnyOrder(livingThread.id(), brandNew.id())
			.doesNotContain(thread.id(), emptyAlready.id());
		assertThat(summary(execution)).contains("Removed 1 out of 1 statuses")
			.contains("Removed 2 out of 2 media_attachments (approx. 1.08 KB)")
			.contains("Removed 2 out of 2 conversations")
			.contains("Ran ANALYZE on statuses and conversations")
			.contains("Removed 5 stored objects");
	}

	@Test
	void mediaWindowsAtOnceRemoveEveryUnattachedRowAndItsFileOnce() throws Exception {
		List<String> unattachedKeys = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			unattachedKeys.add(storedMedia(null, daysAgo(100), i));
		}
		Status kept = this.data.status(this.alice).insert();
		String attachedKey = storedMedia(kept, daysAgo(100), 9);
		String recentKey = storedMedia(null, daysAgo(10), 10);

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1",
				"statuses-remove.concurrency=3");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM media_attachments", Integer.class)).isEqualTo(2);
		assertThat(this.files.keys()).containsExactlyInAnyOrder(attachedKey, recentKey);
		assertThat(manifestedMedia(execution)).as("each row recorded once").hasSize(9).doesNotHaveDuplicates();
		assertThat(summary(execution)).contains("Removed 9 out of 9 media_attachments")
			.as("an image's original and small style")
			.contains("Removed 18 stored objects");
		assertThat(unattachedKeys).noneMatch(this.files.keys()::contains);
	}

	@Test
	void stopInMediaPhaseThenRestartRemovesEveryRowAndFileOnce() throws Exception {
		for (int i = 0; i < 8; i++) {
			storedMedia(null, daysAgo(100), i);
		}
		this.hooks.after("DELETE FROM media_attachments m WHERE", 3, this::stopRunningExecutions);

		JobExecution stopped = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1");

		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM media_attachments", Integer.class)).isPositive()
			.isLessThan(8);

		JobExecution restarted = this.harness.restart(stopped);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM media_attachments", Integer.class)).isZero();
		assertThat(this.files.keys()).as("the files of the rows deleted before the stop went too").isEmpty();
		assertThat(summary(restarted)).contains("Removed 8 out of 8 media_attachments")
			.contains("Removed 16 stored objects");
	}

	@Test
	void conversationWindowsAtOnceRemoveEveryOrphanOnce() throws Exception {
		List<Long> orphans = new ArrayList<>();
		List<Long> living = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			Conversation orphan = old(this.data.conversation());
			this.data.conversationMute(this.alice, orphan);
			orphans.add(orphan.id());
			if (i % 3 == 0) {
				Conversation thread = old(this.data.conversation());
				this.data.status(this.bob).conversation(thread).insert();
				this.data.conversationMute(this.alice, thread);
				living.add(thread.id());
			}
		}
		living.add(this.data.conversation().id());

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1",
				"statuses-remove.concurrency=3");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList("SELECT id FROM conversations", Long.class))
			.containsExactlyInAnyOrderElementsOf(living);
		assertThat(this.jdbc.queryForList("SELECT conversation_id FROM conversation_mutes", Long.class))
			.as("the thread mutes of the orphans went by cascade")
			.containsExactlyInAnyOrderElementsOf(living.subList(0, 3));
		assertThat(summary(execution)).contains("Removed 9 out of 9 conversations");
	}

	@Test
	void stopInConversationPhaseThenRestartCountsEveryWindowOnce() throws Exception {
		List<Long> orphans = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			orphans.add(old(this.data.conversation()).id());
		}
		this.hooks.after("DELETE FROM conversations c WHERE", 3, this::stopRunningExecutions);

		JobExecution stopped = this.harness.run("levels=statuses-remove", "statuses-remove.batch-size=1");

		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.jdbc.queryForList("SELECT id FROM conversations", Long.class)).isNotEmpty()
			.hasSizeLessThan(orphans.size());

		JobExecution restarted = this.harness.restart(stopped);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList("SELECT id FROM conversations", Long.class)).isEmpty();
		assertThat(summary(restarted)).contains("Removed 8 out of 8 conversations");
	}

	@Test
	void skipOptionsLeaveTheirPhasesAlone() throws Exception {
		Status status = removable();
		MediaAttachment unattached = this.data.media(this.alice)
			.file("ffffffffffffffff.png", "image/png", 10)
			.createdAt(daysAgo(100))
			.insert();
		Conversation orphan = old(this.data.conversation());

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.skip-status-remove=true",
				"statuses-remove.skip-media-remove=true");

		assertThat(existing(List.of(status))).containsExactly(status.id());
		assertThat(this.jdbc.queryForList("SELECT id FROM media_attachments", Long.class)).contains(unattached.id());
		assertThat(this.jdbc.queryForList("SELECT id FROM conversations", Long.class)).doesNotContain(orphan.id());
		assertThat(summary(execution)).contains("Skipped removing statuses (skip-status-remove)")
			.contains("Skipped removing unattached media attachments (skip-media-remove)")
			.contains("Ran ANALYZE on statuses and conversations");
	}

	@Test
	void dryRunRecordsWhatWouldGoAndChangesNothing() throws Exception {
		Status status = removable();
		MediaAttachment unattached = this.data.media(this.alice)
			.file("ffffffffffffffff.png", "image/png", 10)
			.createdAt(daysAgo(100))
			.insert();
		Conversation orphan = old(this.data.conversation());

		JobExecution execution = this.harness.run("levels=statuses-remove", "dry-run=true");

		assertThat(existing(List.of(status))).containsExactly(status.id());
		assertThat(this.jdbc.queryForList("SELECT id FROM media_attachments", Long.class)).contains(unattached.id());
		assertThat(this.jdbc.queryForList("SELECT id FROM conversations", Long.class)).contains(orphan.id());
		assertThat(summary(execution)).contains("Removed 1 out of 1 statuses (DRY RUN)")
			.contains("Removed 1 out of 1 media_attachments (approx. 10 Bytes) (DRY RUN)")
			.contains("Removed 1 out of 1 conversations (DRY RUN)")
			.contains("Skipped updating statistics (DRY RUN)");
		assertThat(
				this.jdbc.queryForList("SELECT m.subject || '#' || r.id FROM mastodon_maintenance.deletion_manifest m, "
						+ "unnest(m.row_ids) AS r(id) WHERE m.state = 'dry-run'", String.class))
			.contains("statuses#" + status.id());
	}

	@Test
	void compressingRunsVacuumFullAndReindexWhenDowntimeIsConfirmed() throws Exception {
		removable();

		JobExecution execution = this.harness.run("levels=statuses-remove", "statuses-remove.compress-database=true",
				"statuses-remove.downtime-confirmed=true");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(summary(execution)).contains("Ran VACUUM FULL ANALYZE and REINDEX on statuses and conversations");
	}

	private Status removable() {
		return this.data.status(this.bob).createdAt(daysAgo(100)).insert();
	}

	private Status kept(List<Status> kept) {
		Status status = removable();
		kept.add(status);
		return status;
	}

	private void stopRunningExecutions() {
		for (JobExecution running : this.harness.repository().findRunningJobExecutions(MaintenanceJob.NAME)) {
			try {
				this.harness.operator().stop(running);
			}
			catch (JobExecutionNotRunningException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

	// an unattached (or attached) media attachment with its original stored, returning
	// the file's key
	private String storedMedia(@Nullable Status status, LocalDateTime createdAt, int n) {
		String fileName = "%016d.png".formatted(n);
		MediaBuilder media = this.data.media(this.alice).file(fileName, "image/png", 10).createdAt(createdAt);
		MediaAttachment row = ((status != null) ? media.status(status) : media).insert();
		String key = "media_attachments/files/" + IdPartition.of(row.id()) + "/original/" + fileName;
		this.files.write(key, 10);
		return key;
	}

	private List<Long> manifestedMedia(JobExecution execution) {
		return this.jdbc.queryForList("""
				SELECT unnest(row_ids) FROM mastodon_maintenance.deletion_manifest
				WHERE job_execution_id = ? AND subject = 'media_attachments'
				""", Long.class, execution.getId());
	}

	private Conversation old(Conversation conversation) {
		this.jdbc.update("UPDATE conversations SET created_at = ? WHERE id = ?", daysAgo(2), conversation.id());
		return conversation;
	}

	private static String mediaKey(MediaAttachment media, String style, String fileName) {
		return "cache/media_attachments/files/" + IdPartition.of(media.id()) + "/" + style + "/" + fileName;
	}

	private List<Long> existing(List<Status> statuses) {
		return this.jdbc.queryForList("SELECT id FROM statuses WHERE id = ANY(?)", Long.class,
				(Object) ids(statuses).toArray(Long[]::new));
	}

	private static List<Long> ids(List<Status> statuses) {
		return statuses.stream().map(Status::id).toList();
	}

	private StepExecution step(JobExecution execution) {
		return this.harness.step(execution, Level.STATUSES_REMOVE);
	}

	private String summary(JobExecution execution) {
		return step(execution).getExitStatus().getExitDescription();
	}

}
