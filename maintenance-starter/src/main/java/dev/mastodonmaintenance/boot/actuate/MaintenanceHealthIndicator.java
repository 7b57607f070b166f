package dev.mastodonmaintenance.boot.actuate;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of the maintenance job: {@code UP} while its job repository can be read, with
 * the newest execution as details; {@code DOWN} when it cannot. A failed clean-up run
 * does not make the application unhealthy: it shows in the details.
 */
public class MaintenanceHealthIndicator extends AbstractHealthIndicator {

	private final MastodonMaintenance maintenance;

	/**
	 * Creates the indicator.
	 * @param maintenance the facade
	 */
	public MaintenanceHealthIndicator(MastodonMaintenance maintenance) {
		super("Cannot read the maintenance job repository");
		this.maintenance = maintenance;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.up().withDetails(LastRun.details(this.maintenance));
	}

}
