package dev.mastodonmaintenance.storage;

/**
 * Paperclip's {@code :id_partition}: the record id zero-padded to 9 digits (12 from one
 * billion on), cut into 3-digit groups from the left, a leftover of fewer than 3 digits
 * dropped. Snowflake ids (18 digits) give 6 groups; 17-digit ids give 5 groups and lose
 * their last 2 digits, as Mastodon's own paths do.
 */
public final class IdPartition {

	private IdPartition() {
	}

	/**
	 * The partition path of an id, such as {@code 000/012/345}.
	 * @param id a record id
	 * @return its partition, groups joined by {@code /}
	 */
	public static String of(long id) {
		// padded by hand: String.format was most of the time a large run spends building
		// keys, one per file
		String digits = Long.toString(id);
		int padding = Math.max(0, ((id < 1_000_000_000L) ? 9 : 12) - digits.length());
		int length = (padding + digits.length()) / 3 * 3;
		StringBuilder partition = new StringBuilder(length + length / 3);
		for (int i = 0; i < length; i++) {
			if (i > 0 && i % 3 == 0) {
				partition.append('/');
			}
			partition.append((i < padding) ? '0' : digits.charAt(i - padding));
		}
		return partition.toString();
	}

}
