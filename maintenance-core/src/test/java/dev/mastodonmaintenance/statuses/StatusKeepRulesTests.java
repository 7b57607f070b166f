package dev.mastodonmaintenance.statuses;

import java.time.Instant;
import java.util.List;

import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonData.Status;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * tootctl's keep rules (docs/database-levels.md, the candidates of a window), each as a
 * pair: a status the rule protects beside its twin that the rule does not protect. The
 * selection is run over one window holding every row.
 */
class StatusKeepRulesTests {

	private static final KeepRules RULES = KeepRules.olderThan(90, Instant.now(), false);

	private static MastodonDatabase db;

	private static MastodonData data;

	private static RemovableStatuses statuses;

	private static Account alice;

	private static Account bob;

	private static Account carol;

	@BeforeAll
	static void createDatabase() {
		db = MastodonDatabase.withFixture(StatusKeepRulesTests.class);
		data = new MastodonData(db.dataSource());
		statuses = new RemovableStatuses(db.jdbc());
		alice = data.localAccount("alice").insert();
		bob = data.remoteAccount("bob", "remote.example").insert();
		carol = data.remoteAccount("carol", "elsewhere.example").insert();
	}

	@Test
	void remoteOldStatusWithoutLocalActivityIsACandidate() {
		Status plain = old(bob);
		assertThat(candidates()).contains(plain.id());
	}

	@Test
	void localStatusesAreKept() {
		Status local = data.status(alice).createdAt(daysAgo(100)).insert();
		Status withoutUri = data.status(bob).createdAt(daysAgo(100)).remote().uri(null).insert();
		Status remote = old(bob);
		assertThat(candidates()).doesNotContain(local.id(), withoutUri.id()).contains(remote.id());
	}

	@Test
	void statusWhoseLocalColumnIsNullIsKept() {
		Status nullLocal = data.status(bob).createdAt(daysAgo(100)).localColumn(null).insert();
		Status remote = old(bob);
		assertThat(candidates()).doesNotContain(nullLocal.id()).contains(remote.id());
	}

	@Test
	void softDeletedStatusIsKept() {
		Status softDeleted = data.status(bob).createdAt(daysAgo(100)).deleted().insert();
		Status remote = old(bob);
		assertThat(candidates()).doesNotContain(softDeleted.id()).contains(remote.id());
	}

	@Test
	void statusPublishedAfterTheCutOffIsKept() {
		Status recent = data.status(bob).createdAt(daysAgo(89)).insert();
		Status old = old(bob);
		assertThat(candidates()).doesNotContain(recent.id()).contains(old.id());
	}

	@Test
	void statusWithAnyReplyIsKeptAndTheReplyMayGo() {
		Status repliedTo = old(bob);
		Status remoteReply = data.status(carol).createdAt(daysAgo(95)).replyTo(repliedTo).insert();
		Status unreplied = old(bob);
		assertThat(candidates()).doesNotContain(repliedTo.id()).contains(remoteReply.id(), unreplied.id());
	}

	@Test
	void boostOfALocalStatusIsKept() {
		Status local = data.status(alice).createdAt(daysAgo(120)).insert();
		Status boostOfLocal = data.status(bob).createdAt(daysAgo(100)).reblogOf(local).insert();
		Status remote = old(carol);
		Status boostOfRemote = data.status(bob).createdAt(daysAgo(100)).reblogOf(remote).insert();
		assertThat(candidates()).doesNotContain(boostOfLocal.id()).contains(boostOfRemote.id());
	}

	@Test
	void statusBoostedLocallyOrRecentlyIsKept() {
		Status boostedLocally = old(bob);
		data.status(alice).createdAt(daysAgo(100)).reblogOf(boostedLocally).insert();
		Status boostedRecently = old(bob);
		data.status(carol).createdAt(daysAgo(10)).reblogOf(boostedRecently).insert();
		Status boostedLongAgo = old(bob);
		data.status(carol).createdAt(daysAgo(95)).reblogOf(boostedLongAgo).insert();
		assertThat(candidates()).doesNotContain(boostedLocally.id(), boostedRecently.id())
			.contains(boostedLongAgo.id());
	}

	@Test
	void statusPinnedByAnyAccountIsKept() {
		Status pinnedRemotely = old(bob);
		data.pin(bob, pinnedRemotely);
		Status unpinned = old(bob);
		assertThat(candidates()).doesNotContain(pinnedRemotely.id()).contains(unpinned.id());
	}

	@Test
	void statusMentioningALocalAccountIsKept() {
		Status mentionsLocal = old(bob);
		data.mention(mentionsLocal, alice);
		Status mentionsRemote = old(bob);
		data.mention(mentionsRemote, carol);
		assertThat(candidates()).doesNotContain(mentionsLocal.id()).contains(mentionsRemote.id());
	}

	@Test
	void statusFavouritedLocallyIsKept() {
		Status favouritedLocally = old(bob);
		data.favourite(alice, favouritedLocally);
		Status favouritedRemotely = old(bob);
		data.favourite(carol, favouritedRemotely);
		assertThat(candidates()).doesNotContain(favouritedLocally.id()).contains(favouritedRemotely.id());
	}

	@Test
	void statusBookmarkedLocallyIsKept() {
		Status bookmarkedLocally = old(bob);
		data.bookmark(alice, bookmarkedLocally);
		Status bookmarkedRemotely = old(bob);
		data.bookmark(carol, bookmarkedRemotely);
		assertThat(candidates()).doesNotContain(bookmarkedLocally.id()).contains(bookmarkedRemotely.id());
	}

	@Test
	void statusQuotedByALocalStatusIsKept() {
		Status quotedLocally = old(bob);
		data.quote(data.status(alice).insert(), quotedLocally);
		Status quotedRemotely = old(bob);
		data.quote(data.status(carol).insert(), quotedRemotely);
		assertThat(candidates()).doesNotContain(quotedLocally.id()).contains(quotedRemotely.id());
	}

	@Test
	void statusQuotingALocalStatusIsKept() {
		Status quotingLocal = old(bob);
		data.quote(quotingLocal, data.status(alice).createdAt(daysAgo(120)).insert());
		Status quotingRemote = old(bob);
		data.quote(quotingRemote, old(carol));
		assertThat(candidates()).doesNotContain(quotingLocal.id()).contains(quotingRemote.id());
	}

	@Test
	void statusOfAFollowedAuthorIsKeptUnlessCleanFollowed() {
		Account followed = data.remoteAccount("dave", "remote.example").insert();
		data.follow(alice, followed);
		Status ofFollowed = old(followed);
		Status ofUnfollowed = old(bob);
		assertThat(candidates()).doesNotContain(ofFollowed.id()).contains(ofUnfollowed.id());
		assertThat(statuses.candidates(0, Long.MAX_VALUE, new KeepRules(RULES.cutoffId(), true)))
			.contains(ofFollowed.id(), ofUnfollowed.id());
	}

	@Test
	void onlyTheWindowIsLookedAt() {
		Status first = old(bob);
		Status second = old(bob);
		long lower = Math.min(first.id(), second.id());
		assertThat(statuses.candidates(lower, Long.MAX_VALUE, RULES)).contains(Math.max(first.id(), second.id()))
			.doesNotContain(lower);
	}

	private static Status old(Account author) {
		return data.status(author).createdAt(daysAgo(100)).insert();
	}

	private static List<Long> candidates() {
		return statuses.candidates(0, Long.MAX_VALUE, RULES);
	}

}
