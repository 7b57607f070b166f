package dev.mastodonmaintenance.boot.autoconfigure;

import dev.mastodonmaintenance.MastodonResources;
import org.springframework.beans.factory.DisposableBean;

/**
 * Closes the media storage of the {@link MastodonResources} (the S3 storage's HTTP
 * clients) when the application stops.
 */
final class MediaStorageCloser implements DisposableBean {

	private final MastodonResources mastodon;

	MediaStorageCloser(MastodonResources mastodon) {
		this.mastodon = mastodon;
	}

	@Override
	public void destroy() throws Exception {
		if (this.mastodon.storage() instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
