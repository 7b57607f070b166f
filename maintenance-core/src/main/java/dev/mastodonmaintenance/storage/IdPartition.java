package dev.mastodonmaintenance.storage;

/**
 * Paperclip's {@code :id_partition}: the record id zero-padded to 9 digits (12 from one billion on), cut
 * into 3-digit groups from the left, a leftover of fewer than 3 digits dropped. Snowflake ids (18 digits)
 * give 6 groups; 17-digit ids give 5 groups and lose their last 2 digits, as Mastodon's own paths do.
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
		String digits = String.format((id < 1_000_000_000L) ? "%09d" : "%012d", id);
		StringBuilder partition = new StringBuilder();
		for (int start = 0; start + 3 <= digits.length(); start += 3) {
			if (partition.length() > 0) {
				partition.append('/');
			}
			partition.append(digits, start, start + 3);
		}
		return partition.toString();
	}

}
