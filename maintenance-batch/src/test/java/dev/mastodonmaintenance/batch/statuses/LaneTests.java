package dev.mastodonmaintenance.batch.statuses;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lanes of the statuses phase: ranges of equal width that cover the whole span once, kept
 * in the checkpoint, and the position a progress estimate reads from them.
 */
class LaneTests {

	@Test
	void splitCoversTheSpanOnceInRangesOfEqualWidth() {
		assertThat(Lane.split(100, 1000, 3)).containsExactly(new Lane(100, 100, 400), new Lane(400, 400, 700),
				new Lane(700, 700, 1000));
		assertThat(Lane.split(0, 10, 4)).extracting(Lane::end).containsExactly(2L, 4L, 6L, 10L);
	}

	@Test
	void nothingToWalkMakesLanesThatAreDone() {
		assertThat(Lane.split(500, 500, 2)).allMatch(Lane::done);
		assertThat(Lane.split(Long.MAX_VALUE, 1000, 2)).allMatch(Lane::done);
	}

	@Test
	void equivalentPositionIsWhereOneLaneWalkingAllRangesWouldBe() {
		List<Lane> lanes = List.of(new Lane(100, 250, 400), new Lane(400, 450, 700), new Lane(700, 1000, 1000));

		assertThat(Lane.equivalentPosition(lanes)).isEqualTo(100 + 150 + 50 + 300);
	}

	@Test
	void checkpointTextRoundTrips() {
		List<Lane> lanes = List.of(new Lane(-1, 7, 116661001122414593L),
				new Lane(116661001122414593L, 116661001122414593L, 117167777396924618L));

		assertThat(Lane.parse(Lane.format(lanes))).isEqualTo(lanes);
	}

}
