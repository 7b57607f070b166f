package dev.mastodonmaintenance.boot.actuate;

import dev.mastodonmaintenance.boot.MastodonMaintenance;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds the maintenance job's newest execution to the info endpoint, under
 * {@code mastodonMaintenance}.
 */
public class MaintenanceInfoContributor implements InfoContributor {

	private final MastodonMaintenance maintenance;

	/**
	 * Creates the contributor.
	 * @param maintenance the facade
	 */
	public MaintenanceInfoContributor(MastodonMaintenance maintenance) {
		this.maintenance = maintenance;
	}

	@Override
	public void contribute(Info.Builder builder) {
		builder.withDetail("mastodonMaintenance", LastRun.details(this.maintenance));
	}

}
