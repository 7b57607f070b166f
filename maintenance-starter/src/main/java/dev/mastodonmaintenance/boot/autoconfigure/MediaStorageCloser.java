package dev.mastodonmaintenance.boot.autoconfigure;

import dev.mastodonmaintenance.MastodonServer;
import org.springframework.beans.factory.DisposableBean;

/**
 * Closes the media storage of the {@link MastodonServer} (the S3 storage's HTTP clients) when the
 * application stops.
 */
final class MediaStorageCloser implements DisposableBean {

	private final MastodonServer server;

	MediaStorageCloser(MastodonServer server) {
		this.server = server;
	}

	@Override
	public void destroy() throws Exception {
		if (this.server.storage() instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

}
