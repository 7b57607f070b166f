package dev.mastodonmaintenance;

import java.util.List;

import javax.sql.DataSource;

import dev.mastodonmaintenance.storage.MediaStorage;
import org.jspecify.annotations.Nullable;

/**
 * The handle on what the levels work on, as the Mastodon server's own configuration
 * describes it: its database, its media storage, the Redis of its Rails cache, and which
 * private addresses it may reach.
 *
 * @param database Mastodon's PostgreSQL database
 * @param storage its media storage ({@code PAPERCLIP_ROOT_PATH} or S3), or {@code null}
 * when none is configured: the levels that remove files are then skipped
 * @param cacheRedisUrl the Redis of its Rails cache ({@code CACHE_REDIS_URL}, else
 * {@code REDIS_URL}), or {@code null}: the cache level is then skipped
 * @param allowedPrivateAddresses Mastodon's {@code ALLOWED_PRIVATE_ADDRESSES}: IPs and
 * CIDR ranges that outgoing requests may reach although they are private or loopback
 */
public record MastodonResources(DataSource database, @Nullable MediaStorage storage, @Nullable String cacheRedisUrl,
		List<String> allowedPrivateAddresses) {

	public MastodonResources {
		allowedPrivateAddresses = List.copyOf(allowedPrivateAddresses);
	}

}
