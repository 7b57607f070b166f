package dev.mastodonmaintenance.boot.autoconfigure;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.mastodonmaintenance.boot.testing.StarterDatabase;
import dev.mastodonmaintenance.storage.IdPartition;
import dev.mastodonmaintenance.testing.MastodonData;
import dev.mastodonmaintenance.testing.MastodonData.Account;
import dev.mastodonmaintenance.testing.MastodonDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.mastodonmaintenance.testing.MastodonData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A host application without the starter's optional clients, the AWS SDK and Lettuce, nor
 * remote partitioning's libraries (Spring Batch Integration, Spring Integration, Spring
 * AMQP), really without them: the run is made in a class loader that has every jar of the
 * test class path but theirs, so that any use of them fails as it would in the host. The
 * media levels run on the filesystem, the cache level is skipped with a reason and the
 * rest of the run goes on; core's S3 and Redis classes are never loaded; an S3 storage is
 * refused at startup, naming what is missing.
 */
class WithoutOptionalClientsTests {

	private static MastodonDatabase db;

	@TempDir
	Path root;

	@BeforeAll
	static void database() {
		db = StarterDatabase.create(WithoutOptionalClientsTests.class);
	}

	@Test
	void mediaLevelsRunOnTheFilesystemAndTheCacheLevelIsSkipped() throws Exception {
		MastodonData data = new MastodonData(db.dataSource());
		Account bob = data.remoteAccount("bob", "example.com").insert();
		// with a status, whose cached rendering media-remove would evict from the cache
		// Redis
		long media = data.media(bob)
			.remote("https://example.com/image.jpg")
			.status(data.status(bob).remote().insert())
			.file("0fb3c1e2a9d84b7c.jpeg", "image/jpeg", 60_000)
			.createdAt(daysAgo(30))
			.insert()
			.id();
		List<Path> files = new ArrayList<>();
		for (String style : List.of("original", "small")) {
			Path file = this.root.resolve(
					"cache/media_attachments/files/" + IdPartition.of(media) + "/" + style + "/0fb3c1e2a9d84b7c.jpeg");
			Files.createDirectories(file.getParent());
			files.add(Files.writeString(file, "jpeg"));
		}

		try (WithoutClients loader = new WithoutClients()) {
			List<String> run = loader.run(
					properties("mastodon.maintenance.storage.root=" + this.root,
							"mastodon.maintenance.cache-redis-url=redis://127.0.0.1:6379/0"),
					"cache-clear", "media-remove");

			assertThat(run).first().isEqualTo("COMPLETED");
			assertThat(run).anySatisfy(
					(line) -> assertThat(line).startsWith("cache-clear NOOP: ").contains("no cache Redis configured"));
			assertThat(run).anySatisfy((line) -> assertThat(line).startsWith("media-remove COMPLETED: ")
				.contains("Removed 1 media attachments"));
			assertThat(files).noneMatch(Files::exists);
			assertThat(db.jdbc()
				.queryForObject("SELECT file_file_name FROM media_attachments WHERE id = ?", String.class, media))
				.isNull();
			assertThat(loader.loaded("dev.mastodonmaintenance.storage.FilesystemStorage")).isTrue();
			assertThat(loader.loaded("dev.mastodonmaintenance.storage.S3Storage")).isFalse();
			assertThat(loader.loaded("dev.mastodonmaintenance.cache.RailsCache")).isFalse();
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass(OptionalClients.S3_CLIENT));
			assertThatExceptionOfType(ClassNotFoundException.class)
				.isThrownBy(() -> loader.loadClass(OptionalClients.REDIS_CLIENT));
		}
	}

	@Test
	void s3StorageIsRefusedNamingTheMissingSdk() throws Exception {
		try (WithoutClients loader = new WithoutClients()) {
			List<String> run = loader.run(properties("mastodon.maintenance.storage.s3.bucket=media"), "media-remove");

			assertThat(run).singleElement()
				.asString()
				.startsWith("failed: java.lang.IllegalStateException: Mastodon's media is in S3")
				.contains("the AWS SDK for S3 is not on the classpath");
			assertThat(loader.loaded("dev.mastodonmaintenance.storage.S3Storage")).isFalse();
		}
	}

	private static String[] properties(String... more) {
		return Stream.concat(Stream.of(StarterDatabase.dataSourceProperties(db)), Stream.of(more))
			.toArray(String[]::new);
	}

	/**
	 * The test class path without the AWS SDK, Lettuce and remote partitioning's
	 * libraries, delegating only to the JDK's own classes.
	 */
	private static final class WithoutClients extends URLClassLoader {

		WithoutClients() {
			super(classPath(), ClassLoader.getPlatformClassLoader());
		}

		private static URL[] classPath() {
			List<URL> urls = new ArrayList<>();
			int left = 0;
			for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
				String path = entry.replace(File.separatorChar, '/');
				if (path.contains("/software/amazon/") || path.contains("/io/lettuce/")
						|| path.contains("/org/springframework/batch/spring-batch-integration/")
						|| path.contains("/org/springframework/integration/")
						|| path.contains("/org/springframework/amqp/") || path.contains("/com/rabbitmq/")) {
					left++;
					continue;
				}
				try {
					urls.add(Path.of(entry).toUri().toURL());
				}
				catch (MalformedURLException ex) {
					throw new IllegalStateException(ex);
				}
			}
			assertThat(left).as("jars of the AWS SDK and Lettuce left out of the test class path").isGreaterThan(1);
			return urls.toArray(URL[]::new);
		}

		@SuppressWarnings("unchecked")
		List<String> run(String[] properties, String... levels) throws Exception {
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(this);
			try {
				return (List<String>) loadClass(WithoutOptionalClientsProbe.class.getName())
					.getMethod("run", String[].class, String[].class)
					.invoke(null, properties, levels);
			}
			finally {
				thread.setContextClassLoader(previous);
			}
		}

		boolean loaded(String name) {
			return findLoadedClass(name) != null;
		}

	}

}
