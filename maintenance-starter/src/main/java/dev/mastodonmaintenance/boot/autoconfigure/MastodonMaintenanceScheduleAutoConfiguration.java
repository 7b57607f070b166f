package dev.mastodonmaintenance.boot.autoconfigure;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import dev.mastodonmaintenance.batch.Level;
import dev.mastodonmaintenance.boot.MastodonMaintenance;
import dev.mastodonmaintenance.boot.RunRequest;
import dev.mastodonmaintenance.boot.audit.OperatorActions;
import dev.mastodonmaintenance.boot.support.DefaultMastodonMaintenance;
import dev.mastodonmaintenance.boot.support.ScheduledRuns;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the schedule that starts runs at the times of
 * {@code mastodon.maintenance.schedule.cron}.
 */
@AutoConfiguration(after = MastodonMaintenanceAutoConfiguration.class)
@ConditionalOnBean(MastodonMaintenance.class)
@ConditionalOnProperty("mastodon.maintenance.schedule.cron")
public final class MastodonMaintenanceScheduleAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ScheduledRuns mastodonMaintenanceSchedule(ObjectProvider<DefaultMastodonMaintenance> maintenance,
			MastodonMaintenanceProperties properties, OperatorActions operatorActions) {
		DefaultMastodonMaintenance launcher = maintenance.getIfAvailable();
		if (launcher == null) {
			throw new IllegalStateException("mastodon.maintenance.schedule.cron needs the starter's own "
					+ "MastodonMaintenance, which the application's MastodonMaintenance bean replaced");
		}
		MastodonMaintenanceProperties.Schedule schedule = properties.getSchedule();
		RunRequest request = new RunRequest(Set.copyOf(schedule.getLevels().stream().map(Level::ofStepName).toList()),
				Map.of(), schedule.isDryRun());
		ZoneId zone = (schedule.getZone() != null) ? schedule.getZone() : ZoneId.systemDefault();
		return new ScheduledRuns(launcher, launcher::startScheduled, String.valueOf(schedule.getCron()), zone, request,
				schedule.isResume(), Clock.systemUTC(), operatorActions);
	}

}
