package dev.mastodonmaintenance.batch;

import java.util.List;

import javax.sql.DataSource;

import dev.mastodonmaintenance.schema.MastodonRelease;
import dev.mastodonmaintenance.schema.MastodonSchema;
import org.jspecify.annotations.Nullable;

/**
 * Refuses, before a run is launched, the levels that remove data on a Mastodon schema the
 * job does not know: newer than the newest release known (that release's tootctl may keep
 * more, as 4.5 began keeping quoted statuses), older than the oldest supported, or
 * without a {@code schema_migrations} version. A dry run is always allowed, and
 * {@link MaintenanceParameters#ALLOW_NEWER_SCHEMA} lets a newer schema run.
 */
final class SupportedSchemaCheck {

	private final DataSource database;

	SupportedSchemaCheck(DataSource database) {
		this.database = database;
	}

	/**
	 * Checks a run's parameters against the schema.
	 * @param parameters the run's parameters, already checked otherwise
	 * @return why the run is refused, in one line, or {@code null} when it may run
	 */
	@Nullable String refusal(MaintenanceParameters parameters) {
		List<String> removing = parameters.levels().stream().filter(Level::removesData).map(Level::stepName).toList();
		if (parameters.dryRun() || removing.isEmpty()) {
			return null;
		}
		MastodonSchema schema = MastodonSchema.read(this.database);
		String levels = String.join(", ", removing);
		return switch (schema.match()) {
			case KNOWN -> null;
			case NEWER -> parameters.allowNewerSchema() ? null
					: "Refused: " + schema.description() + "; its tootctl may keep what " + levels
							+ " would remove. Run as a dry run, or pass " + MaintenanceParameters.ALLOW_NEWER_SCHEMA
							+ "=true (--allow-newer-schema) once that release's changes are checked";
			case OLDER ->
				"Refused: " + schema.description() + "; " + levels + " may miss its tables or indexes. Upgrade "
						+ "Mastodon to " + MastodonRelease.oldest().latestPoint() + " or later, or run as a dry run";
			case UNKNOWN -> "Refused: " + schema.description() + ", so this may not be Mastodon's database; " + levels
					+ " would remove from it. Run as a dry run to see what they select";
		};
	}

}
