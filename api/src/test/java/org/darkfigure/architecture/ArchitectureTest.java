package org.darkfigure.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules ARCHITECTURE.md states, held over the production classes of all three modules (the api's test
 * class path holds schemas, jobs and api). Each rule is also run against a class that breaks it
 * ({@link Breaking}), so that a rule that could not fail is noticed.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.darkfigure");
        // the rules mean something only if all three modules were imported, and no test class
        for (String name : new String[] {"org.darkfigure.api.DarkfigureApp", "org.darkfigure.pipeline.PipelineJob",
                "org.darkfigure.estimate.search.Estimation", "org.darkfigure.standard.Standard"}) {
            assertTrue(production.contain(name), name + " is among the imported classes");
        }
        assertTrue(!production.contain("org.darkfigure.breaking.cycle.a.A"), "test classes are not production");
        assertTrue(production.stream().anyMatch(inModule("api")) && production.stream().anyMatch(inModule("jobs")),
                "classes are told apart by module");
    }

    /** Spark and Scala types only in the Spark edge: packages named *.spark, the pipeline and the benchmarks. */
    static final ArchRule SPARK_AT_THE_EDGES = noClasses()
            .that().resideOutsideOfPackages("..spark..", "org.darkfigure.pipeline..", "org.darkfigure.bench..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..")
            .because("the statistics, the standard and the web layer must run and be tested without Spark");

    /** The estimators: pure functions on the JDK and Commons Math (their CLI and Spark wrappers live beside). */
    static final ArchRule PURE_ESTIMATORS = classes()
            .that().resideInAPackage("org.darkfigure.estimate..")
            .and().resideOutsideOfPackages("org.darkfigure.estimate.spark..", "org.darkfigure.estimate.cli..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.apache.commons.math3..",
                    "org.darkfigure.estimate..")
            .because("the estimators are checked against R as pure functions and run inside Spark executors");

    /** The web application does not link against the jobs: it starts them as processes. */
    static final ArchRule API_WITHOUT_JOBS = noClasses().that(inModule("api"))
            .should().dependOnClassesThat(inModule("jobs"))
            .because("the API and the jobs meet only through the contract in schemas (org.darkfigure.manifest)");

    /** No two packages depend on each other, directly or through others. */
    static final ArchRule NO_CYCLES = slices().matching("org.darkfigure.(**)").should().beFreeOfCycles();

    @Test
    void spark_and_scala_types_stay_at_the_edges() {
        SPARK_AT_THE_EDGES.check(production);
    }

    @Test
    void the_estimators_use_only_the_jdk_and_commons_math() {
        PURE_ESTIMATORS.check(production);
    }

    @Test
    void the_api_does_not_depend_on_the_jobs_at_compile_time() {
        API_WITHOUT_JOBS.check(production);
    }

    @Test
    void there_is_no_package_cycle() {
        NO_CYCLES.check(production);
    }

    @Test
    void each_rule_fails_on_a_class_that_breaks_it() {
        // test classes written to break one rule each (org.darkfigure.breaking.*, org.darkfigure.estimate.breaking)
        JavaClasses breaking = new ClassFileImporter().importPackages("org.darkfigure.breaking", "org.darkfigure.estimate.breaking");
        for (ArchRule rule : new ArchRule[] {SPARK_AT_THE_EDGES, PURE_ESTIMATORS, NO_CYCLES}) {
            assertTrue(rule.evaluate(breaking).hasViolation(), "this rule cannot fail: " + rule.getDescription());
        }
        ArchRule apiTestsWithoutJobs = noClasses().that(inModule("api", "test-classes"))
                .should().dependOnClassesThat(inModule("jobs", "classes"));
        assertTrue(apiTestsWithoutJobs.evaluate(new ClassFileImporter().importPackages("org.darkfigure.breaking.api",
                "org.darkfigure.simulate")).hasViolation(), "the module rule cannot fail");
    }

    /** Classes compiled from a module's target/classes (or its jar, when run from the packaged build). */
    static DescribedPredicate<JavaClass> inModule(String module) {
        return inModule(module, "classes");
    }

    static DescribedPredicate<JavaClass> inModule(String module, String folder) {
        return DescribedPredicate.describe("in module " + module, c -> c.getSource()
                .map(s -> s.getUri().toString())
                .map(u -> u.contains("/" + module + "/target/" + folder + "/")
                        || (folder.equals("classes") && u.matches(".*darkfigure-" + module + "-[^/]*\\.jar.*")))
                .orElse(false));
    }
}
