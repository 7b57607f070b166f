package dev.mastodonmaintenance.operator.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The modules' layering, checked over the main classes of all four (this module's tests
 * see them all): core knows neither the job, the starter, the application nor Spring
 * Batch; the job knows neither the starter, the application nor Spring Boot; the starter
 * does not know the application; and no package depends on itself through others.
 */
class LayeringTests {

	private static final String CORE = "dev.mastodonmaintenance..";

	private static final String BATCH = "dev.mastodonmaintenance.batch..";

	private static final String STARTER = "dev.mastodonmaintenance.boot..";

	private static final String APP = "dev.mastodonmaintenance.operator..";

	private static JavaClasses classes;

	@BeforeAll
	static void importMainClasses() {
		classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TEST_FIXTURES)
			.withImportOption((location) -> !location.contains("-tests.jar"))
			.importPackages("dev.mastodonmaintenance");
	}

	@Test
	void coreKnowsOnlyMastodon() {
		check(noClasses().that()
			.resideInAPackage(CORE)
			.and()
			.resideOutsideOfPackages(BATCH, STARTER, APP)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(BATCH, STARTER, APP, "org.springframework.batch..", "org.springframework.boot.."));
	}

	@Test
	void theJobKnowsNeitherTheStarterNorTheApplication() {
		check(noClasses().that()
			.resideInAPackage(BATCH)
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(STARTER, APP, "org.springframework.boot.."));
	}

	@Test
	void theStarterDoesNotKnowTheApplication() {
		check(noClasses().that().resideInAPackage(STARTER).should().dependOnClassesThat().resideInAPackage(APP));
	}

	@Test
	void noPackageCycles() {
		check(slices().matching("dev.mastodonmaintenance.(**)").should().beFreeOfCycles());
	}

	private static void check(ArchRule rule) {
		rule.check(classes);
	}

}
