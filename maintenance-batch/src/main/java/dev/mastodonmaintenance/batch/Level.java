package dev.mastodonmaintenance.batch;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The clean-up levels, in the order the job runs them: from light to very heavy. Each is
 * one step of the job, named as here, and mirrors one tootctl command.
 */
public enum Level {

	/** {@code tootctl cache clear}: Mastodon's Rails cache in Redis. */
	CACHE_CLEAR("cache-clear", "cache clear"),

	/** {@code tootctl preview_cards remove}: cached images of old preview cards. */
	PREVIEW_CARDS_REMOVE("preview-cards-remove", "preview_cards remove"),

	/**
	 * {@code tootctl media remove}: cached copies of old remote media, or remote avatars
	 * and headers.
	 */
	MEDIA_REMOVE("media-remove", "media remove"),

	/** {@code tootctl media remove-orphans}: stored files no database row refers to. */
	MEDIA_REMOVE_ORPHANS("media-remove-orphans", "media remove-orphans"),

	/** {@code tootctl accounts cull}: remote accounts whose server says they are gone. */
	ACCOUNTS_CULL("accounts-cull", "accounts cull"),

	/**
	 * {@code tootctl statuses remove}: old remote statuses no local activity refers to.
	 */
	STATUSES_REMOVE("statuses-remove", "statuses remove");

	private static final String PARTITION_SUFFIX = "-partition";

	private final String stepName;

	private final String tootctlCommand;

	Level(String stepName, String tootctlCommand) {
		this.stepName = stepName;
		this.tootctlCommand = tootctlCommand;
	}

	/**
	 * The step's name, also the prefix of the level's job parameters
	 * ({@code media-remove.days}).
	 * @return the step name
	 */
	public String stepName() {
		return this.stepName;
	}

	/**
	 * The name of the worker step of a partitioned level, whose step executions are named
	 * {@code <worker step name>:<n>} for partition {@code n}.
	 * @return such as {@code media-remove-partition}
	 */
	public String partitionStepName() {
		return this.stepName + PARTITION_SUFFIX;
	}

	/**
	 * The level a step execution's name belongs to: a level's step, or a partition of a
	 * partitioned level ({@code media-remove-partition:3}).
	 * @param stepName a step execution's name
	 * @return the level, or {@code null} for a name of neither
	 */
	public static @Nullable Level ofExecutionName(String stepName) {
		String name = stepName.trim();
		int separator = name.lastIndexOf(':');
		if (separator > 0 && name.substring(0, separator).endsWith(PARTITION_SUFFIX)) {
			name = name.substring(0, separator - PARTITION_SUFFIX.length());
		}
		for (Level level : values()) {
			if (level.stepName.equals(name)) {
				return level;
			}
		}
		return null;
	}

	/**
	 * Whether a step execution's name is a partition's ({@code media-remove-partition:3})
	 * rather than a level's.
	 * @param stepName a step execution's name
	 * @return {@code true} for a partition of a level
	 */
	public static boolean isPartition(String stepName) {
		int separator = stepName.lastIndexOf(':');
		return separator > 0 && stepName.substring(0, separator).endsWith(PARTITION_SUFFIX)
				&& ofExecutionName(stepName) != null;
	}

	/**
	 * The number of a partition's step execution.
	 * @param stepName a partition's step execution name, such as
	 * {@code media-remove-partition:3}
	 * @return such as 3, or -1 for a name that is not a partition's
	 */
	public static int partitionNumber(String stepName) {
		if (!isPartition(stepName)) {
			return -1;
		}
		try {
			return Integer.parseInt(stepName.substring(stepName.lastIndexOf(':') + 1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * The job parameter of one of the level's options: the option's name prefixed with
	 * the step name.
	 * @param option the option's name, such as {@code days}
	 * @return such as {@code media-remove.days}
	 */
	public String parameterName(String option) {
		return this.stepName + "." + option;
	}

	/**
	 * The tootctl command this level mirrors.
	 * @return the command, without {@code tootctl}
	 */
	public String tootctlCommand() {
		return this.tootctlCommand;
	}

	/**
	 * Whether the level removes or changes Mastodon's data: rows or stored files. Only
	 * the cache is not, as Mastodon rebuilds it; the others are refused on a schema the
	 * job does not know.
	 * @return {@code false} for {@link #CACHE_CLEAR} alone
	 */
	public boolean removesData() {
		return this != CACHE_CLEAR;
	}

	/**
	 * The level of a step name.
	 * @param stepName a step name such as {@code cache-clear}
	 * @return the level
	 * @throws IllegalArgumentException for an unknown name, listing the known ones
	 */
	public static Level ofStepName(String stepName) {
		return Arrays.stream(values())
			.filter((level) -> level.stepName.equals(stepName.trim()))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("Unknown level '" + stepName + "': expected one of "
					+ Arrays.stream(values()).map(Level::stepName).collect(Collectors.joining(", "))));
	}

}
