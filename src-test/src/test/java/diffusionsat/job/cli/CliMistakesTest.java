package diffusionsat.job.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A newcomer's mistakes (issue 16, findings 1, 3, 5 and did-you-mean), each run as typed: exit
 * status 2, one first line naming the option or key, the value and what would do, and no Spark
 * session started.
 */
class CliMistakesTest {
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples/sentinel2");
    @TempDir
    static Path shared;
    private static String catalogue;
    private static Path out;

    /** The README's quick start: the samples catalogued under out/catalog/sentinel2. */
    @BeforeAll
    static void catalogueTheSamples() {
        out = shared.resolve("out");
        catalogue = out.resolve("catalog/sentinel2").toString();
        CliRun run = CliRun.of("catalog", "--input", SAMPLES.toString(), "--output", catalogue);
        assertEquals(0, run.exit(), run.toString());
    }

    @Test
    void catalogPointedAtRastersSaysRunCatalogFirst() {
        assertMistake(List.of("superres", "--catalog", SAMPLES.toString(), "--output",
                out.toString()), "--catalog", "this is a folder of rasters: run `diffusionsat"
                + " catalog");
    }

    /** Finding 1: the README's example named out/catalog while run-local writes a level below. */
    @Test
    void catalogPointedAboveTheCatalogueNamesTheOneInside() {
        assertMistake(List.of("superres", "--catalog", out.resolve("catalog").toString(),
                "--output", out.toString()), "--catalog", "pass one of " + catalogue);
    }

    @Test
    void catalogAtAFolderOfOtherFilesIsNotACatalogue(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a catalogue");
        assertMistake(List.of("evaluate", "--catalog", dir.toString(), "--results",
                dir.toString(), "--output", dir.toString()), "--catalog",
                "is not a tile catalogue");
    }

    @Test
    void absentCatalogSaysHowToBuildOne(@TempDir Path dir) {
        assertMistake(List.of("superres", "--catalog", dir.resolve("absent").toString(),
                "--output", dir.toString()), "--catalog", "does not exist; build a catalogue");
    }

    @ParameterizedTest(name = "--where {0}")
    @CsvSource(delimiter = '|', value = {
        "yaer = 2015 | the catalogue has no column yaer (did you mean year?)",
        "year = = 2015 | is not a SQL condition"})
    void whereIsCheckedAgainstTheCatalogueSchema(String where, String rule) {
        assertMistake(List.of("superres", "--catalog", catalogue, "--output", out.toString(),
                "--where", where), "--where", rule);
    }

    @Test
    void catalogInputThatDoesNotExist(@TempDir Path dir) {
        assertMistake(List.of("catalog", "--input", dir.resolve("absent").toString(),
                "--output", dir.resolve("catalogue").toString()), "--input", "does not exist");
    }

    @Test
    void catalogOverAnEmptyFolderNamesIt(@TempDir Path dir) throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertMistake(List.of("catalog", "--input", empty.toString(), "--output",
                dir.resolve("catalogue").toString()), "--input = " + empty,
                "holds no rasters to catalogue");
        assertTrue(Files.notExists(dir.resolve("catalogue")), "no empty catalogue written");
    }

    /** Finding 5: checkpoint mistakes of the ControlNet jobs, found before Spark. */
    @ParameterizedTest(name = "{0} with controlnet ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "superres --set superres.model=diffusionsat | - | does not exist",
        "superres --set superres.model=diffusionsat | '' | has no controlnet/config.json;"
                + " superres.model=diffusionsat needs a 2D ControlNet with 10 conditioning"
                + " channels (`diffusionsat make-checkpoint --output DIR --controlnet superres`",
        "superres --set superres.model=diffusionsat | xbd | its controlnet/ is a 2D ControlNet"
                + " with 3 conditioning channels",
        "temporal --set temporal.mode=evaluate --set temporal.model=diffusionsat | superres"
                + " | its controlnet/ is a 2D ControlNet with 10 conditioning channels;"
                + " temporal.model=diffusionsat needs the 3D ControlNet with 3",
        "inpaint --set inpaint.task=xbd | temporal | its controlnet/ is the 3D ControlNet",
        "inpaint --set inpaint.task=clouds | superres | 10 conditioning channels"})
    void checkpointMistakesOfControlNetJobs(String command, String controlnet, String rule,
            @TempDir Path dir) throws IOException {
        Path checkpoint = controlnet.equals("-") ? dir.resolve("absent")
                : CheckpointSkeleton.write(dir.resolve("checkpoint"), controlnet);
        List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
        args.addAll(List.of("--catalog", catalogue, "--output", dir.toString(),
                "--set", "model.checkpoint=" + checkpoint));
        assertMistake(args, "model.checkpoint = " + checkpoint, rule);
    }

    @Test
    void incompleteCheckpointNamesTheMissingPart(@TempDir Path dir) throws IOException {
        Path checkpoint = CheckpointSkeleton.write(dir.resolve("checkpoint"), "");
        Files.delete(checkpoint.resolve("vae/config.json"));
        assertMistake(List.of("generate", "--requests", dir.toString(), "--output",
                dir.toString(), "--set", "model.checkpoint=" + checkpoint), "model.checkpoint",
                "vae/config.json is missing");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--set superres.scael=2 | superres.scael | (did you mean superres.scale?)",
        "--set superres.model=difusionsat | superres.model | (did you mean diffusionsat?)"})
    void unknownKeysAndChoicesSuggestTheClosest(String option, String key, String suggestion) {
        List<String> args = new java.util.ArrayList<>(List.of("superres", "--catalog",
                catalogue, "--output", out.toString()));
        args.addAll(List.of(option.split(" ")));
        assertMistake(args, key, suggestion);
    }

    @Test
    void unknownPresetSuggestsTheClosest(@TempDir Path dir) {
        CliRun run = CliRun.of("make-checkpoint", "--output", dir.toString(), "--config",
                "tinny");
        assertAll(run.toString(),
                () -> assertEquals(2, run.exit()),
                () -> assertTrue(run.firstErrorLine().contains("'tinny' is not a preset: use one"
                        + " of tiny, sd21 (did you mean tiny?)"), run.firstErrorLine()));
    }

    private static void assertMistake(List<String> args, String named, String rule) {
        CliRun run = CliRun.of(args.toArray(String[]::new));
        String first = run.firstErrorLine();
        assertAll(String.join(" ", args) + "\n" + run,
                () -> assertEquals(2, run.exit(), "exit status"),
                () -> assertTrue(first.startsWith("error: "), first),
                () -> assertTrue(first.contains(named), "names " + named + ": " + first),
                () -> assertTrue(first.contains(rule), "says " + rule + ": " + first),
                () -> assertEquals(1, run.err().strip().lines().count(), "one line"),
                () -> assertTrue(SparkSession.getActiveSession().isEmpty(), "no Spark"));
    }
}
