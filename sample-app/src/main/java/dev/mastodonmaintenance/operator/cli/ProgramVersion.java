package dev.mastodonmaintenance.operator.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.springframework.batch.core.SpringBatchVersion;
import org.springframework.boot.SpringBootVersion;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code --version}: the tool's version (from the build's
 * {@code META-INF/build-info.properties}), the Spring Batch and Spring Boot it runs on,
 * and the Mastodon versions whose schemas it targets.
 */
final class ProgramVersion implements IVersionProvider {

	/**
	 * The Mastodon releases whose schemas the levels are tested on (shared/mastodon's
	 * dumps).
	 */
	static final String MASTODON = "Mastodon 4.4 to 4.7 (schemas of 4.4.7, 4.5.11, 4.6.5 and 4.7.0)";

	@Override
	public String[] getVersion() {
		return new String[] { ProgramName.NAME + " " + version(), "Spring Batch " + SpringBatchVersion.getVersion()
				+ ", Spring Boot " + SpringBootVersion.getVersion() + ", Java " + Runtime.version(),
				"Works on " + MASTODON };
	}

	static String version() {
		Properties build = new Properties();
		try (InputStream in = ProgramVersion.class.getResourceAsStream("/META-INF/build-info.properties")) {
			if (in != null) {
				build.load(in);
			}
		}
		catch (IOException ex) {
			// no version to show: said below
		}
		return build.getProperty("build.version", "(version unknown: not built by Maven)");
	}

}
