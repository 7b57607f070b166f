package dev.mastodonmaintenance.batch;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * Checks a run's parameters before any step runs: the common ones, every level's options (whether or not
 * the level is selected, so a typo never waits for a later run), unknown names, and last whether Mastodon's
 * schema lets the selected levels run ({@link SupportedSchemaCheck}).
 */
final class MaintenanceParametersValidator implements JobParametersValidator {

	private final Collection<LevelDefinition> levels;

	private final SupportedSchemaCheck schemaCheck;

	MaintenanceParametersValidator(Collection<LevelDefinition> levels, SupportedSchemaCheck schemaCheck) {
		this.levels = levels;
		this.schemaCheck = schemaCheck;
	}

	@Override
	public void validate(@Nullable JobParameters jobParameters) throws InvalidJobParametersException {
		MaintenanceParameters parameters = new MaintenanceParameters(
				(jobParameters != null) ? jobParameters : new JobParameters());
		try {
			parameters.runAt();
			parameters.levels();
			parameters.dryRun();
			parameters.allowNewerSchema();
			for (LevelDefinition level : this.levels) {
				level.validate(parameters);
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidJobParametersException(ex.getMessage());
		}
		Set<String> known = new TreeSet<>(Set.of(MaintenanceParameters.RUN_AT, MaintenanceParameters.LEVELS,
				MaintenanceParameters.DRY_RUN, MaintenanceParameters.ALLOW_NEWER_SCHEMA));
		this.levels.forEach((level) -> known.addAll(level.parameterNames()));
		Set<String> unknown = new TreeSet<>(parameters.names());
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			throw new InvalidJobParametersException("Unknown job parameter(s) " + unknown + "; known parameters: "
					+ String.join(", ", known));
		}
		String refusal = this.schemaCheck.refusal(parameters);
		if (refusal != null) {
			throw new InvalidJobParametersException(refusal);
		}
	}

}
