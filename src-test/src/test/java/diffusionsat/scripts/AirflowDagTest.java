package diffusionsat.scripts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.testing.Command;
import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nightly Airflow DAG parsed by a plain python3 without Airflow, through the stub of the
 * names it imports (src-test/src/test/resources/airflow-stub/README.md): it passes the JVM
 * options of conf/jvm.options like scripts/submit.sh, evaluates only after a successful
 * superres, and reads no Variable at parse time (the stub's Variable.get fails).
 */
class AirflowDagTest {
    private static final Path DAG = Fixtures.projectRoot()
            .resolve("scripts/airflow/diffusionsat_nightly.py");
    private static final Path STUB = Fixtures.projectRoot()
            .resolve("src-test/src/test/resources/airflow-stub/parse_dag.py");
    private static JsonNode dag;

    @BeforeAll
    static void parseTheDag() throws IOException, InterruptedException {
        assumeTrue(Command.onPath("python3"), "python3 is not installed: the DAG is not parsed");
        Command parsed = Command.run(List.of("python3", STUB.toString(), DAG.toString()),
                Map.of());
        assertEquals(0, parsed.exit(), parsed.toString());
        JsonNode dags = new ObjectMapper().readTree(parsed.out());
        assertEquals(1, dags.size(), parsed.out());
        dag = dags.get(0);
    }

    @Test
    void bothJobsGetTheJvmOptionsOfSubmitSh() throws IOException {
        List<String> options = Files.readAllLines(Fixtures.projectRoot()
                .resolve("conf/jvm.options")).stream().map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        for (JsonNode task : dag.get("tasks")) {
            JsonNode conf = task.at("/kwargs/conf");
            for (String key : List.of("spark.driver.extraJavaOptions",
                    "spark.executor.extraJavaOptions")) {
                List<String> given = List.of(conf.get(key).asText().split(" "));
                assertAll(task.get("task_id").asText() + " " + key,
                        () -> assertTrue(given.containsAll(options), "jvm.options in " + given),
                        () -> assertTrue(given.stream().anyMatch(o -> o.startsWith(
                                "-Djava.library.path=")), "GDAL's JNI folder"));
            }
            assertAll(() -> assertEquals("1", conf.get("spark.task.resource.gpu.amount").asText()),
                    () -> assertEquals("1",
                            conf.get("spark.executor.resource.gpu.amount").asText()));
        }
    }

    @Test
    void evaluateRunsOnlyAfterASuccessfulSuperres() {
        JsonNode evaluate = task("evaluate");
        assertAll(
                () -> assertEquals("[\"superres\"]", evaluate.get("upstream").toString()),
                () -> assertFalse(evaluate.get("kwargs").has("trigger_rule"),
                        "the default trigger (all upstream succeeded): "
                                + evaluate.get("kwargs").path("trigger_rule")));
    }

    @Test
    void variablesAreTemplatesReadAtRunTime() {
        String args = task("evaluate").at("/kwargs/application_args").toString();
        assertAll(
                () -> assertTrue(args.contains("{{ var.value.get('diffusionsat_config', '') }}"),
                        args),
                () -> assertTrue(args.contains(
                        "evaluate.publishTo={{ var.value.get('diffusionsat_publish', '') }}"),
                        args),
                () -> assertTrue(Files.notExists(DAG.resolveSibling("__pycache__")),
                        "parsing left no __pycache__"));
    }

    private static JsonNode task(String id) {
        for (JsonNode task : dag.get("tasks")) {
            if (task.get("task_id").asText().equals(id)) {
                return task;
            }
        }
        throw new AssertionError("no task " + id + " in " + dag);
    }
}
