package dev.mastodonmaintenance.storage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paperclip's id partition, including the lossy 17-digit snowflakes Mastodon really
 * stores under.
 */
class IdPartitionTests {

	@Test
	void smallIdsArePaddedToThreeGroups() {
		assertThat(IdPartition.of(1)).isEqualTo("000/000/001");
		assertThat(IdPartition.of(12345)).isEqualTo("000/012/345");
		assertThat(IdPartition.of(999_999_999)).isEqualTo("999/999/999");
	}

	@Test
	void idsFromOneBillionArePaddedToFourGroups() {
		assertThat(IdPartition.of(1_000_000_000L)).isEqualTo("001/000/000/000");
		assertThat(IdPartition.of(123_456_789_012L)).isEqualTo("123/456/789/012");
	}

	@Test
	void eighteenDigitSnowflakesGiveSixExactGroups() {
		assertThat(IdPartition.of(109_372_843_181_422_913L)).isEqualTo("109/372/843/181/422/913");
	}

	@Test
	void seventeenDigitIdsLoseTheirLastTwoDigits() {
		assertThat(IdPartition.of(98_765_432_109_876_543L)).isEqualTo("987/654/321/098/765");
	}

	@Test
	void thirteenDigitIdsLoseTheirLastDigit() {
		assertThat(IdPartition.of(1_234_567_890_123L)).isEqualTo("123/456/789/012");
	}

}
