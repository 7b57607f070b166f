package dev.mastodonmaintenance.accounts;

import java.time.LocalDateTime;
import java.util.List;

import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Which accounts {@code accounts cull} visits and which of those it probes, with the
 * accounts of Mastodon's own cull spec (tom, bob, gon, ana, tales), and what touching
 * does.
 */
class CullSelectionTests {

	private static MastodonDatabase db;

	private static JdbcTemplate jdbc;

	private static CullCandidates candidates;

	private static Account tom;

	private static Account bob;

	private static Account gon;

	private static Account ana;

	private static Account tales;

	private static Account ostatus;

	@BeforeAll
	static void createDatabase() {
		db = MastodonDatabase.withFixture(CullSelectionTests.class);
		jdbc = db.jdbc();
		candidates = new CullCandidates(jdbc);
		MastodonData data = new MastodonData(db.dataSource());
		data.localAccount("alice").insert();
		tom = data.remoteAccount("tom", "example.com").updatedAt(daysAgo(30)).insert();
		bob = data.remoteAccount("bob", "example.org").updatedAt(daysAgo(30)).lastWebfingeredAt(null).insert();
		gon = data.remoteAccount("gon", "example.net").updatedAt(daysAgo(15)).lastWebfingeredAt(daysAgo(15)).insert();
		ana = data.remoteAccount("ana", "example.com").insert();
		tales = data.remoteAccount("tales", "example.net").updatedAt(daysAgo(10)).lastWebfingeredAt(null).insert();
		ostatus = data.remoteAccount("old", "example.net")
			.ostatus()
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(null)
			.insert();
	}

	@Test
	void remoteActivityPubAccountsAreVisitedAndThoseQuietForSevenDaysAreDue() {
		// up to the last account of the spec: other tests add their own after it
		assertThat(candidates.scope(0, ostatus.id(), List.of(), threshold()))
			.extracting(CullCandidate::id, CullCandidate::due)
			.containsExactlyInAnyOrder(tuple(tom.id(), false), tuple(bob.id(), true), tuple(gon.id(), true),
					tuple(ana.id(), false), tuple(tales.id(), true));
	}

	@Test
	void domainsNarrowTheScopeExactly() {
		assertThat(candidates.scope(0, Long.MAX_VALUE, List.of("example.net"), threshold()))
			.extracting(CullCandidate::id)
			.containsExactlyInAnyOrder(gon.id(), tales.id());
		assertThat(candidates.scope(0, Long.MAX_VALUE, List.of("EXAMPLE.NET", "net"), threshold())).isEmpty();
	}

	@Test
	void candidatesCarryDomainAndUri() {
		assertThat(candidates.scope(bob.id() - 1, bob.id(), List.of(), threshold()))
			.containsExactly(new CullCandidate(bob.id(), "example.org", "https://example.org/users/bob", true));
	}

	@Test
	void touchingKeepsAnAccountOutOfTheNextSevenDays() {
		Account touched = new MastodonData(db.dataSource()).remoteAccount("zed", "example.io")
			.updatedAt(daysAgo(30))
			.lastWebfingeredAt(null)
			.insert();
		assertThat(candidates.touch(List.of(touched.id()))).isOne();
		assertThat(candidates.scope(touched.id() - 1, touched.id(), List.of(), threshold()))
			.extracting(CullCandidate::due)
			.containsExactly(false);
		assertThat(
				jdbc.queryForObject("SELECT updated_at FROM accounts WHERE id = ?", LocalDateTime.class, touched.id()))
			.isAfter(daysAgo(0.01));
		assertThat(candidates.touch(List.of())).isZero();
	}

	@Test
	void ostatusAccountsAreNeverVisited() {
		assertThat(candidates.scope(0, Long.MAX_VALUE, List.of(), threshold())).extracting(CullCandidate::id)
			.doesNotContain(ostatus.id());
	}

	private static LocalDateTime threshold() {
		return daysAgo(CullCandidates.SKIP_DAYS);
	}

}
