package io.periodic.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The layering of docs/architecture.md, checked on the compiled main classes of every module (their
 * {@code target/classes}; tests and the jars on this module's class path are not read). A change that breaks a rule
 * fails the build with the offending dependencies, each with its class, member and line.
 */
@AnalyzeClasses(locations = LayeringTest.ProductionClasses.class, importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    /** The pure domain: it decides; use cases and adapters carry the decisions out. */
    static final String[] DOMAIN = {
        "io.periodic.billing.model..", "io.periodic.billing.money..", "io.periodic.billing.calendar..",
        "io.periodic.billing.invoicing..", "io.periodic.billing.payments..", "io.periodic.billing.dunning..",
        "io.periodic.billing.rendering..", "io.periodic.billing.reports..", "io.periodic.billing.ports..",
        "io.periodic.billing.webhooks..", "io.periodic.billing.bankstatements..", "io.periodic.billing.links.."};

    static final String AWS_SDK = "software.amazon..";
    static final String AWS_LAMBDA_LIBRARIES = "com.amazonaws..";
    static final String PERSISTENCE = "io.periodic.billing.persistence..";
    static final String USE_CASES = "io.periodic.billing.service..";
    static final String AWS_ADAPTERS = "io.periodic.billing.aws..";
    static final String FILE_ADAPTERS = "io.periodic.billing.files..";
    static final String LAMBDA_EDGE = "io.periodic.billing.lambda..";
    static final String WIRING = "io.periodic.billing.wiring..";
    static final String FUNCTIONS = "io.periodic.functions..";

    @ArchTest
    static final ArchRule domain_depends_on_no_aws_persistence_use_case_adapter_or_wiring = noClasses()
            .that().resideInAnyPackage(DOMAIN)
            .should().dependOnClassesThat().resideInAnyPackage(AWS_SDK, AWS_LAMBDA_LIBRARIES, PERSISTENCE, USE_CASES,
                    AWS_ADAPTERS, FILE_ADAPTERS, LAMBDA_EDGE, WIRING)
            .because("the domain is plain Java: it decides, and the use cases and adapters carry its decisions out");

    @ArchTest
    static final ArchRule persistence_depends_on_no_use_case_wiring_or_aws_adapter = noClasses()
            .that().resideInAPackage(PERSISTENCE)
            .should().dependOnClassesThat().resideInAnyPackage(USE_CASES, WIRING, AWS_ADAPTERS)
            .because("persistence is an adapter: the use cases call it, never the other way round");

    @ArchTest
    static final ArchRule use_cases_depend_on_no_adapter_edge_wiring_or_function = noClasses()
            .that().resideInAPackage(USE_CASES)
            .should().dependOnClassesThat().resideInAnyPackage(AWS_ADAPTERS, FILE_ADAPTERS, LAMBDA_EDGE, WIRING,
                    FUNCTIONS)
            .because("a use case runs the same behind a Lambda, the local runner and a test: it gets its ports "
                    + "from the composition root and knows no edge");

    @ArchTest
    static final ArchRule functions_reach_the_store_only_through_use_cases = noClasses()
            .that().resideInAPackage(FUNCTIONS)
            .should().dependOnClassesThat().resideInAPackage(PERSISTENCE)
            .because("handlers and API routes call use cases and query services; the store is theirs");

    @ArchTest
    static final ArchRule nothing_but_the_local_runner_and_the_bench_depends_on_a_function = noClasses()
            .that().resideOutsideOfPackages(FUNCTIONS, "io.periodic.local.runner..", "io.periodic.bench..")
            .should().dependOnClassesThat().resideInAPackage(FUNCTIONS)
            .because("a function module is a Lambda edge: what two functions share belongs in shared");

    @ArchTest
    static final ArchRule functions_do_not_depend_on_each_other = slices()
            .matching("io.periodic.functions.(*)..")
            .should().notDependOnEachOther()
            .because("each function is its own deployment jar; what two share belongs in shared");

    @ArchTest
    static final ArchRule shared_depends_on_no_local_module_or_bench = noClasses()
            .that().resideInAPackage("io.periodic.billing..")
            .should().dependOnClassesThat().resideInAnyPackage("io.periodic.local..", "io.periodic.bench..")
            .because("shared is deployed inside every function; the local runner and the bench build on it");

    @ArchTest
    static final ArchRule shared_packages_are_free_of_cycles = slices()
            .matching("io.periodic.billing.(*)..")
            .should().beFreeOfCycles();

    /** The target/classes folder of every module with main code; a module not compiled yet is an error, not a pass. */
    static final class ProductionClasses implements LocationProvider {
        @Override
        public Set<Location> get(Class<?> testClass) {
            Set<Location> locations = new HashSet<>();
            for (String module : Modules.withMainCode()) {
                Path classes = Modules.mainClasses(module);
                if (!Files.isDirectory(classes)) {
                    throw new IllegalStateException(module + " is not compiled (no " + classes + "): add it to "
                            + "architecture/pom.xml's dependencies so that the reactor builds it before this test");
                }
                locations.add(Location.of(classes));
            }
            return locations;
        }
    }
}
