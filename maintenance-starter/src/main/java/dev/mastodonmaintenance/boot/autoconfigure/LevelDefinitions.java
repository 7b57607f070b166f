package dev.mastodonmaintenance.boot.autoconfigure;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.batch.LevelDefinition;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Picks the definition of each level among the {@link LevelDefinition} beans: the
 * application's own when it declares one for a level (under any name), else the
 * starter's.
 */
final class LevelDefinitions {

	private static final Log logger = LogFactory.getLog(LevelDefinitions.class);

	private LevelDefinitions() {
	}

	/**
	 * Picks one definition per level.
	 * @param beans the {@code LevelDefinition} beans by name
	 * @param ours the names of the starter's own definitions
	 * @return the definitions, by level
	 * @throws IllegalStateException when a level has none, or several of the
	 * application's
	 */
	static Map<Level, LevelDefinition> select(Map<String, LevelDefinition> beans, Set<String> ours) {
		Map<Level, List<String>> names = new EnumMap<>(Level.class);
		beans.forEach((name, definition) -> names.computeIfAbsent(definition.level(), (level) -> new ArrayList<>())
			.add(name));
		Map<Level, LevelDefinition> selected = new EnumMap<>(Level.class);
		for (Level level : Level.values()) {
			List<String> candidates = names.getOrDefault(level, List.of());
			List<String> theirs = candidates.stream().filter((name) -> !ours.contains(name)).toList();
			List<String> chosen = theirs.isEmpty() ? candidates : theirs;
			if (chosen.isEmpty()) {
				throw new IllegalStateException("No LevelDefinition bean for level " + level.stepName());
			}
			if (chosen.size() > 1) {
				throw new IllegalStateException(
						"Several LevelDefinition beans for level " + level.stepName() + ": " + chosen + "; keep one");
			}
			if (!theirs.isEmpty()) {
				logger.info("Level " + level.stepName() + " uses the application's LevelDefinition '" + chosen.get(0)
						+ "'");
			}
			selected.put(level, beans.get(chosen.get(0)));
		}
		return selected;
	}

}
