package dev.mastodonmaintenance.statuses;

import java.util.ArrayList;
import java.util.List;

/**
 * What one status deletion removed.
 *
 * @param removed ids of the statuses deleted by the statement itself
 * @param cascaded ids of the boosts of those statuses that Mastodon's foreign key deleted
 * with them
 * @param cardLinks {@code preview_cards_statuses} rows of both that were deleted
 * @param vanished candidates that were gone when the deletion came to them: someone else
 * deleted them since they were found, such as a boost whose original was removed by a
 * deletion running at the same time
 */
public record StatusDeletion(List<Long> removed, List<Long> cascaded, int cardLinks, int vanished) {

	/** Nothing removed. */
	public static final StatusDeletion NONE = new StatusDeletion(List.of(), List.of(), 0, 0);

	public StatusDeletion {
		removed = List.copyOf(removed);
		cascaded = List.copyOf(cascaded);
	}

	/**
	 * Adds two deletions up.
	 * @param other another deletion
	 * @return the sum
	 */
	public StatusDeletion plus(StatusDeletion other) {
		List<Long> allRemoved = new ArrayList<>(this.removed);
		allRemoved.addAll(other.removed);
		List<Long> allCascaded = new ArrayList<>(this.cascaded);
		allCascaded.addAll(other.cascaded);
		return new StatusDeletion(allRemoved, allCascaded, this.cardLinks + other.cardLinks,
				this.vanished + other.vanished);
	}

}
