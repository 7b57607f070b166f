package dev.mastodonmaintenance.statuses;

/**
 * What one status deletion removed.
 *
 * @param removed statuses deleted by the statement itself
 * @param cascaded boosts of those statuses that Mastodon's foreign key deleted with them
 * @param cardLinks {@code preview_cards_statuses} rows of both that were deleted
 */
public record StatusDeletion(int removed, int cascaded, int cardLinks) {

	/** Nothing removed. */
	public static final StatusDeletion NONE = new StatusDeletion(0, 0, 0);

	/**
	 * Adds two deletions up.
	 * @param other another deletion
	 * @return the sum
	 */
	public StatusDeletion plus(StatusDeletion other) {
		return new StatusDeletion(this.removed + other.removed, this.cascaded + other.cascaded,
				this.cardLinks + other.cardLinks);
	}

}
