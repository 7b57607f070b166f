package dev.mastodonmaintenance.boot.autoconfigure;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.mastodonmaintenance.batch.Level;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Default options of each level ({@code mastodon.maintenance.levels.<level>.<option>}),
 * typed as the level reads them; an option left unset takes tootctl's default. A run's
 * own options override them.
 */
public class MastodonMaintenanceLevels {

	private static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("mastodon.maintenance.levels");

	private final CacheClear cacheClear = new CacheClear();

	private final PreviewCardsRemove previewCardsRemove = new PreviewCardsRemove();

	private final MediaRemove mediaRemove = new MediaRemove();

	private final MediaRemoveOrphans mediaRemoveOrphans = new MediaRemoveOrphans();

	private final AccountsCull accountsCull = new AccountsCull();

	private final StatusesRemove statusesRemove = new StatusesRemove();

	public CacheClear getCacheClear() {
		return this.cacheClear;
	}

	public PreviewCardsRemove getPreviewCardsRemove() {
		return this.previewCardsRemove;
	}

	public MediaRemove getMediaRemove() {
		return this.mediaRemove;
	}

	public MediaRemoveOrphans getMediaRemoveOrphans() {
		return this.mediaRemoveOrphans;
	}

	public AccountsCull getAccountsCull() {
		return this.accountsCull;
	}

	public StatusesRemove getStatusesRemove() {
		return this.statusesRemove;
	}

	/**
	 * The options set, by level and option name ({@code batch-size}), typed.
	 * @return the options set; a level with none is absent
	 */
	public Map<Level, Map<String, Object>> options() {
		Map<Level, Map<String, Object>> options = new EnumMap<>(Level.class);
		for (Level level : Level.values()) {
			BeanWrapper bean = new BeanWrapperImpl(of(level));
			Map<String, Object> values = new LinkedHashMap<>();
			for (String property : properties(bean)) {
				Object value = bean.getPropertyValue(property);
				if (value != null && !(value instanceof List<?> list && list.isEmpty())) {
					values.put(dashed(property), value);
				}
			}
			if (!values.isEmpty()) {
				options.put(level, Collections.unmodifiableMap(values));
			}
		}
		return Collections.unmodifiableMap(options);
	}

	/**
	 * Refuses a level or an option of {@code mastodon.maintenance.levels} that does not
	 * exist, which binding would leave unused: a typo must not leave a run with tootctl's
	 * default.
	 * @param environment the environment the properties were bound from
	 * @throws IllegalArgumentException naming the unknown level or option
	 */
	void checkNames(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)) {
				continue;
			}
			iterable.filter(PREFIX::isAncestorOf).stream().forEach(this::checkName);
		}
	}

	private void checkName(ConfigurationPropertyName name) {
		Level level;
		try {
			level = Level.ofStepName(name.getElement(PREFIX.getNumberOfElements(), Form.DASHED));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"Invalid default level options (mastodon.maintenance.levels.*): " + ex.getMessage(), ex);
		}
		Set<String> known = new TreeSet<>(
				properties(new BeanWrapperImpl(of(level))).stream().map(this::dashed).toList());
		int optionIndex = PREFIX.getNumberOfElements() + 1;
		String option = (name.getNumberOfElements() > optionIndex) ? name.getElement(optionIndex, Form.DASHED) : "";
		if (known.stream().noneMatch((candidate) -> uniform(candidate).equals(uniform(option)))) {
			throw new IllegalArgumentException(
					"Invalid default level options (mastodon.maintenance.levels.*): " + "unknown option '" + option
							+ "' of " + level.stepName() + "; known options: " + String.join(", ", known));
		}
	}

	private Object of(Level level) {
		return switch (level) {
			case CACHE_CLEAR -> this.cacheClear;
			case PREVIEW_CARDS_REMOVE -> this.previewCardsRemove;
			case MEDIA_REMOVE -> this.mediaRemove;
			case MEDIA_REMOVE_ORPHANS -> this.mediaRemoveOrphans;
			case ACCOUNTS_CULL -> this.accountsCull;
			case STATUSES_REMOVE -> this.statusesRemove;
		};
	}

	private static List<String> properties(BeanWrapper bean) {
		return Arrays.stream(bean.getPropertyDescriptors())
			.map(PropertyDescriptor::getName)
			.filter((name) -> !"class".equals(name))
			.toList();
	}

	private String dashed(String property) {
		return property.replaceAll("([A-Z])", "-$1").toLowerCase();
	}

	private static String uniform(String name) {
		return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
	}

	/**
	 * The partitioning options of a level that can be cut into partitions.
	 */
	public abstract static class Partitioned {

		/**
		 * How many partitions the level's work is cut into, from 1 to 256; 1 (one plain
		 * step, as without partitioning) when unset.
		 */
		private @Nullable Integer gridSize;

		/**
		 * How many partitions run at once on this node, from 1 to 64; the smaller of the
		 * grid size and 4 when unset.
		 */
		private @Nullable Integer partitions;

		public @Nullable Integer getGridSize() {
			return this.gridSize;
		}

		public void setGridSize(@Nullable Integer gridSize) {
			this.gridSize = gridSize;
		}

		public @Nullable Integer getPartitions() {
			return this.partitions;
		}

		public void setPartitions(@Nullable Integer partitions) {
			this.partitions = partitions;
		}

	}

	/**
	 * Options of {@code cache-clear}.
	 */
	public static class CacheClear {

		/**
		 * Most Rails cache keys one chunk removes (the SCAN COUNT hint); 1000 when unset.
		 */
		private @Nullable Integer batchSize;

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * Options of {@code preview-cards-remove}, as tootctl preview_cards remove's.
	 */
	public static class PreviewCardsRemove extends Partitioned {

		/**
		 * Cards last updated more than this many days ago lose their image (fractions
		 * allowed); 180 when unset.
		 */
		private @Nullable Double days;

		/**
		 * Whether only link-type cards are concerned; false when unset.
		 */
		private @Nullable Boolean link;

		/**
		 * Accepted for tootctl compatibility (removal is batched instead); 5 when unset.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Most card ids one chunk looks at; 1000 when unset.
		 */
		private @Nullable Integer batchSize;

		public @Nullable Double getDays() {
			return this.days;
		}

		public void setDays(@Nullable Double days) {
			this.days = days;
		}

		public @Nullable Boolean getLink() {
			return this.link;
		}

		public void setLink(@Nullable Boolean link) {
			this.link = link;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * Options of {@code media-remove}, as tootctl media remove's.
	 */
	public static class MediaRemove extends Partitioned {

		/**
		 * Media (or profiles) older than this many days are concerned (fractions
		 * allowed); 7 when unset.
		 */
		private @Nullable Double days;

		/**
		 * Whether to remove remote avatars and headers instead of media attachments;
		 * false when unset.
		 */
		private @Nullable Boolean pruneProfiles;

		/**
		 * Whether to remove remote headers only instead of media attachments; false when
		 * unset.
		 */
		private @Nullable Boolean removeHeaders;

		/**
		 * With prune-profiles or remove-headers, whether accounts with local follow
		 * relations are concerned too; false when unset.
		 */
		private @Nullable Boolean includeFollows;

		/**
		 * Whether media of statuses local users interacted with are kept; false when
		 * unset.
		 */
		private @Nullable Boolean keepInteracted;

		/**
		 * Accepted for tootctl compatibility; 5 when unset.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Most row ids one chunk looks at; 1000 when unset.
		 */
		private @Nullable Integer batchSize;

		public @Nullable Double getDays() {
			return this.days;
		}

		public void setDays(@Nullable Double days) {
			this.days = days;
		}

		public @Nullable Boolean getPruneProfiles() {
			return this.pruneProfiles;
		}

		public void setPruneProfiles(@Nullable Boolean pruneProfiles) {
			this.pruneProfiles = pruneProfiles;
		}

		public @Nullable Boolean getRemoveHeaders() {
			return this.removeHeaders;
		}

		public void setRemoveHeaders(@Nullable Boolean removeHeaders) {
			this.removeHeaders = removeHeaders;
		}

		public @Nullable Boolean getIncludeFollows() {
			return this.includeFollows;
		}

		public void setIncludeFollows(@Nullable Boolean includeFollows) {
			this.includeFollows = includeFollows;
		}

		public @Nullable Boolean getKeepInteracted() {
			return this.keepInteracted;
		}

		public void setKeepInteracted(@Nullable Boolean keepInteracted) {
			this.keepInteracted = keepInteracted;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * Options of {@code media-remove-orphans}, as tootctl media remove-orphans'.
	 */
	public static class MediaRemoveOrphans extends Partitioned {

		/**
		 * Only keys under this prefix are walked, such as cache/; all when unset.
		 */
		private @Nullable String prefix;

		/**
		 * The walk of a new run starts after this key (a restart continues from its own
		 * checkpoint).
		 */
		private @Nullable String startAfter;

		/**
		 * Objects younger than this before the run's launch are never removed, so that an
		 * upload whose row is not committed yet is safe; 1 day when unset.
		 */
		private @Nullable Duration minAge;

		/**
		 * Most keys one chunk lists; 1000 when unset.
		 */
		private @Nullable Integer batchSize;

		public @Nullable String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(@Nullable String prefix) {
			this.prefix = prefix;
		}

		public @Nullable String getStartAfter() {
			return this.startAfter;
		}

		public void setStartAfter(@Nullable String startAfter) {
			this.startAfter = startAfter;
		}

		public @Nullable Duration getMinAge() {
			return this.minAge;
		}

		public void setMinAge(@Nullable Duration minAge) {
			this.minAge = minAge;
		}

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * Options of {@code accounts-cull}, as tootctl accounts cull's.
	 */
	public static class AccountsCull extends Partitioned {

		/**
		 * Only accounts of these domains, exact and case-sensitive; all when empty.
		 */
		private List<String> domains = new ArrayList<>();

		/**
		 * Reachability checks running at once; 5 when unset.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Reachability checks that may go to one domain at once; 2 when unset.
		 */
		private @Nullable Integer perDomainConcurrency;

		/**
		 * Most account ids one chunk looks at; 1000 when unset.
		 */
		private @Nullable Integer batchSize;

		public List<String> getDomains() {
			return this.domains;
		}

		public void setDomains(List<String> domains) {
			this.domains = domains;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Integer getPerDomainConcurrency() {
			return this.perDomainConcurrency;
		}

		public void setPerDomainConcurrency(@Nullable Integer perDomainConcurrency) {
			this.perDomainConcurrency = perDomainConcurrency;
		}

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

	}

	/**
	 * Options of {@code statuses-remove}, as tootctl statuses remove's.
	 */
	public static class StatusesRemove extends Partitioned {

		/**
		 * Remote statuses published more than this many whole days ago are concerned, at
		 * least 1; 90 when unset.
		 */
		private @Nullable Integer days;

		/**
		 * Ids of statuses one window covers, so the most statuses one statement deletes;
		 * 1000 when unset.
		 */
		private @Nullable Integer batchSize;

		/**
		 * Windows deleted at once, each on a database connection of its own; 2 when
		 * unset.
		 */
		private @Nullable Integer concurrency;

		/**
		 * Whether statuses of locally followed authors are concerned too; false when
		 * unset.
		 */
		private @Nullable Boolean cleanFollowed;

		/**
		 * Whether to skip the statuses themselves; false when unset.
		 */
		private @Nullable Boolean skipStatusRemove;

		/**
		 * Whether to skip the removal of media left unattached; false when unset.
		 */
		private @Nullable Boolean skipMediaRemove;

		/**
		 * Whether to run VACUUM FULL and REINDEX, which lock the tables (needs
		 * downtime-confirmed); false when unset.
		 */
		private @Nullable Boolean compressDatabase;

		/**
		 * Confirms that Mastodon is stopped, as compress-database requires; false when
		 * unset.
		 */
		private @Nullable Boolean downtimeConfirmed;

		public @Nullable Integer getDays() {
			return this.days;
		}

		public void setDays(@Nullable Integer days) {
			this.days = days;
		}

		public @Nullable Integer getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(@Nullable Integer batchSize) {
			this.batchSize = batchSize;
		}

		public @Nullable Integer getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(@Nullable Integer concurrency) {
			this.concurrency = concurrency;
		}

		public @Nullable Boolean getCleanFollowed() {
			return this.cleanFollowed;
		}

		public void setCleanFollowed(@Nullable Boolean cleanFollowed) {
			this.cleanFollowed = cleanFollowed;
		}

		public @Nullable Boolean getSkipStatusRemove() {
			return this.skipStatusRemove;
		}

		public void setSkipStatusRemove(@Nullable Boolean skipStatusRemove) {
			this.skipStatusRemove = skipStatusRemove;
		}

		public @Nullable Boolean getSkipMediaRemove() {
			return this.skipMediaRemove;
		}

		public void setSkipMediaRemove(@Nullable Boolean skipMediaRemove) {
			this.skipMediaRemove = skipMediaRemove;
		}

		public @Nullable Boolean getCompressDatabase() {
			return this.compressDatabase;
		}

		public void setCompressDatabase(@Nullable Boolean compressDatabase) {
			this.compressDatabase = compressDatabase;
		}

		public @Nullable Boolean getDowntimeConfirmed() {
			return this.downtimeConfirmed;
		}

		public void setDowntimeConfirmed(@Nullable Boolean downtimeConfirmed) {
			this.downtimeConfirmed = downtimeConfirmed;
		}

	}

}
