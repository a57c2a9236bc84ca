package dev.stoa.hub;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The layout of DESIGN.md, checked on the compiled classes: hub-api's packages form no cycle; the protocol adapters
 * (the Hub API, git smart HTTP, the LFS API, the portal) sit above the features, which never import them; the shared
 * infrastructure imports no feature; {@code access} learns gating's and moderation's rules through its own interfaces;
 * the plugin SPI depends on the JDK only and the portal's pages on nothing of the server.
 */
class ArchitectureTest {

    /** The protocol adapters: they call the features, and nothing below calls them. */
    static final String[] ADAPTERS = {"dev.stoa.hub.hf..", "dev.stoa.hub.githttp..", "dev.stoa.hub.lfs..", "dev.stoa.hub.web.."};

    /** What every feature may use, and which uses no feature. */
    static final String[] INFRASTRUCTURE = {"dev.stoa.hub.config..", "dev.stoa.hub.db..", "dev.stoa.hub.ops..",
            "dev.stoa.hub.event..", "dev.stoa.hub.storage..", "dev.stoa.hub.error.."};

    static final ArchRule NO_CYCLES_BETWEEN_FEATURES = slices().matching("dev.stoa.hub.(*)..").should().beFreeOfCycles();

    static final ArchRule NO_CYCLES_BETWEEN_PACKAGES = slices().matching("dev.stoa.hub.(**)").should().beFreeOfCycles();

    private static JavaClasses hub;

    @BeforeAll
    static void importClasses() {
        hub = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.stoa.hub");
    }

    @AfterAll
    static void releaseClasses() {
        // The test class stays loaded while the other tests of this JVM run.
        hub = null;
    }

    @Test
    void noCycleBetweenFeatures() {
        NO_CYCLES_BETWEEN_FEATURES.check(hub);
    }

    @Test
    void noCycleBetweenAnyTwoPackages() {
        NO_CYCLES_BETWEEN_PACKAGES.check(hub);
    }

    @Test
    void theCycleRulesReportAPlantedCycle() {
        JavaClasses planted = new ClassFileImporter().importPackages("dev.stoa.archfixture.cycle");
        assertThat(planted.size()).as("the planted classes are on the test class path").isPositive();
        assertThat(slices().matching("dev.stoa.archfixture.(**)").should().beFreeOfCycles().evaluate(planted).hasViolation())
                .as("a → b → a is reported").isTrue();
    }

    @Test
    void featuresNeverImportAnAdapter() {
        noClasses().that().resideOutsideOfPackages(ADAPTERS)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .because("the Hub API, git, LFS and the portal are adapters that call the features, never the reverse")
                .check(hub);
    }

    @Test
    void adaptersNeverImportEachOther() {
        for (String adapter : ADAPTERS) {
            noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAnyPackage(Stream.of(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new))
                    .because("what two adapters share belongs in the feature they both call")
                    .check(hub);
        }
    }

    @Test
    void infrastructureImportsNoFeature() {
        for (String infrastructure : INFRASTRUCTURE) {
            noClasses().that().resideInAPackage(infrastructure)
                    .should().dependOnClassesThat().resideInAnyPackage(featuresAndAdapters())
                    .check(hub);
        }
    }

    @Test
    void accessLearnsGatingAndModerationRulesThroughItsOwnInterfaces() {
        noClasses().that().resideInAPackage("dev.stoa.hub.access..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.stoa.hub.gating..", "dev.stoa.hub.moderation..")
                .check(hub);
    }

    @Test
    void everyPackageSaysWhatItOwns() {
        List<String> without = hub.getPackage("dev.stoa.hub").getSubpackagesInTree().stream()
                .filter(p -> !p.getClasses().isEmpty())
                .filter(p -> p.tryGetPackageInfo().isEmpty())
                .map(JavaPackage::getName)
                .sorted()
                .toList();
        assertThat(without).as("packages without a package-info.java").isEmpty();
    }

    @Test
    void thePluginSpiDependsOnTheJdkOnly() {
        JavaClasses spi = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.stoa.spi");
        assertThat(spi.size()).isPositive();
        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.stoa.spi..").check(spi);
    }

    @Test
    void thePortalPagesKnowNothingOfTheServer() {
        JavaClasses ui = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.stoa.ui");
        assertThat(ui.size()).isPositive();
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.stoa.hub..", "dev.stoa.spi..").check(ui);
    }

    private static String[] featuresAndAdapters() {
        List<String> infrastructure = Stream.of(INFRASTRUCTURE).map(p -> p.substring(0, p.length() - 2)).toList();
        return hub.getPackage("dev.stoa.hub").getSubpackages().stream()
                .map(JavaPackage::getName)
                .filter(name -> !infrastructure.contains(name))
                .map(name -> name + "..")
                .toArray(String[]::new);
    }
}
