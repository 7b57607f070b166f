package dev.mastodonmaintenance.boot.manifest;

/**
 * Where a {@link ManifestEntry} stands in its run's manifest: the manifest row (one per
 * chunk, table and state) and the position of the row id or key within it. Pages continue
 * after a position rather than at an offset, so that a page deep into a large run costs
 * no more than the first.
 *
 * @param entryId the manifest row's id
 * @param index the 1-based position within it
 */
public record ManifestPosition(long entryId, int index) {

	/**
	 * The position a {@link #toString()} gave.
	 * @param text such as {@code 1234.56}
	 * @return the position
	 * @throws IllegalArgumentException when the text is not one
	 */
	public static ManifestPosition parse(String text) {
		int dot = text.indexOf('.');
		try {
			if (dot > 0) {
				return new ManifestPosition(Long.parseLong(text.substring(0, dot)),
						Integer.parseInt(text.substring(dot + 1)));
			}
		}
		catch (NumberFormatException ex) {
			// refused below, with the text
		}
		throw new IllegalArgumentException(
				"Invalid manifest position '" + text + "': expected ENTRY.INDEX, such as 1234.56");
	}

	/**
	 * The position as text, for a link or a command line.
	 * @return such as {@code 1234.56}
	 */
	@Override
	public String toString() {
		return this.entryId + "." + this.index;
	}

}
