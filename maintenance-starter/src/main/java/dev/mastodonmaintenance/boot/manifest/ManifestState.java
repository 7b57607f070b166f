package dev.mastodonmaintenance.boot.manifest;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a row or stored object recorded in the deletion manifest stands.
 */
public enum ManifestState {

	/**
	 * A stored object whose rows changed, waiting to be removed once that change
	 * committed.
	 */
	PENDING("pending"),

	/** Removed: a row deleted or changed, an object the storage reports gone. */
	REMOVED("removed"),

	/** A stored object the storage refused to remove, with its reason. */
	FAILED("failed"),

	/** What a dry run would have removed. */
	DRY_RUN("dry-run");

	private final String value;

	ManifestState(String value) {
		this.value = value;
	}

	/**
	 * The state as the manifest, the console and the command line spell it.
	 * @return such as {@code dry-run}
	 */
	public String value() {
		return this.value;
	}

	/**
	 * The state a name spells.
	 * @param value such as {@code removed} or {@code dry-run}
	 * @return the state
	 * @throws IllegalArgumentException naming the states there are
	 */
	public static ManifestState of(String value) {
		return Arrays.stream(values())
			.filter((state) -> state.value.equals(value))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown manifest state '" + value + "': use one of "
					+ Arrays.stream(values()).map(ManifestState::value).collect(Collectors.joining(", "))));
	}

}
