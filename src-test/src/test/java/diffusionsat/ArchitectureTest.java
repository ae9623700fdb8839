package diffusionsat;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import diffusionsat.testing.Fixtures;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module arrows of STYLE.md §2.1: io ← udf ← job; io never touches DJL; udf never a session. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProjectClasses() {
        // The modules' own class folders: scanning the class-path's jars for the package is slow.
        classes = new ClassFileImporter().importPaths(Stream.of("io", "udf", "job")
                .map(module -> Fixtures.projectRoot().resolve(module + "/target/classes"))
                .toList());
    }

    @Test
    void ioDependsOnNeitherUdfNorJobNorDjl() {
        noClasses().that().resideInAPackage("diffusionsat.io..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "diffusionsat.model..", "diffusionsat.sampling..", "diffusionsat.metrics..",
                        "diffusionsat.spark..", "diffusionsat.superres..",
                        "diffusionsat.evaluation..", "diffusionsat.generate..",
                        "diffusionsat.job..", "ai.djl..")
                .check(classes);
    }

    @Test
    void udfDoesNotDependOnJobs() {
        noClasses().that().resideInAnyPackage("diffusionsat.model..", "diffusionsat.sampling..",
                        "diffusionsat.metrics..", "diffusionsat.spark..", "diffusionsat.superres..",
                        "diffusionsat.evaluation..", "diffusionsat.generate..")
                .should().dependOnClassesThat().resideInAPackage("diffusionsat.job..")
                .check(classes);
    }

    @Test
    void udfNeverHoldsASparkSession() {
        noClasses().that().resideInAnyPackage("diffusionsat.model..", "diffusionsat.sampling..",
                        "diffusionsat.metrics..", "diffusionsat.spark..", "diffusionsat.superres..",
                        "diffusionsat.evaluation..", "diffusionsat.generate..")
                .should().dependOnClassesThat().haveFullyQualifiedName(
                        "org.apache.spark.sql.SparkSession")
                .check(classes);
    }
}
