package dev.mastodonmaintenance.operator.cli;

import java.lang.management.ManagementFactory;

import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-shot command's JVM takes the directive that keeps C2 out, as
 * {@code jcmd PID Compiler.directives_print} would show it.
 */
class ShortProcessCompilationTests {

	// how Compiler.directives_print shows a directive that excludes every method from C2
	private static final String C2_EXCLUDED = "matching: \\*\\.\\*\\s+c1 directives:(?s:.)*?c2 directives:\\s+inline: -\\s+Enable:true Exclude:true";

	private boolean added;

	@Test
	void theJvmTakesTheDirectiveThatExcludesC2() throws Exception {
		assertThat(directives()).doesNotContainPattern(C2_EXCLUDED);

		this.added = ShortProcessCompilation.apply();

		assertThat(this.added).isTrue();
		assertThat(directives()).containsPattern(C2_EXCLUDED);
	}

	@AfterEach
	void removeTheDirective() throws Exception {
		if (this.added) {
			// this test's JVM runs other tests after it, with C2
			diagnosticCommand("compilerDirectivesRemove");
		}
	}

	private static String directives() throws Exception {
		return diagnosticCommand("compilerDirectivesPrint");
	}

	private static String diagnosticCommand(String operation) throws Exception {
		return (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
					new Object[] { new String[0] }, new String[] { String[].class.getName() });
	}

}
