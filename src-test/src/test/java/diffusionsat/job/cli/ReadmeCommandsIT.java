package diffusionsat.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's concrete commands in the order a reader meets them, with {@code out/} in a
 * temporary folder (issue 16, finding 1: the README's examples must work as written). Commands
 * that need what CI has not got (a GPU, an s3a:// store, the released weights) are parse-checked
 * by {@link ReadmeCommandsTest} only; the DiffusionSat super-resolution example runs on one tile
 * with one step, on the catalogue scripts/run-local.sh writes.
 */
class ReadmeCommandsIT {
    @TempDir
    Path dir;

    @Test
    void theReadmesCommandsRunAsWritten() throws IOException {
        // scripts/run-local.sh's catalogue step, which the DiffusionSat example reads.
        assertEquals(0, CliRun.of(ReadmeCommands.localised(List.of("catalog", "--input",
                "conf/samples/sentinel2", "--output", "out/catalog/sentinel2"), dir)
                .toArray(String[]::new)).exit());
        List<String> ran = new ArrayList<>();
        for (ReadmeCommands.Entry entry : ReadmeCommands.all()) {
            if (entry.synopsis() || entry.text().contains("s3a://")
                    || entry.text().contains("model.device=gpu")) {
                continue;
            }
            List<String> args = new ArrayList<>(ReadmeCommands.localised(entry.args(), dir));
            if (entry.text().contains("superres.model=diffusionsat")) {
                args.addAll(List.of("--set", "sampler.steps=1", "--where",
                        "id = 's2_l1c_13band_svn_20150711'"));
            }
            CliRun run = CliRun.of(args.toArray(String[]::new));
            assertEquals(0, run.exit(), entry + "\n" + run);
            ran.add(entry.subcommand());
        }
        String summary = Files.readString(dir.resolve("out/evaluate/s2naip/summary/summary.md"));
        assertTrue(ran.containsAll(List.of("catalog", "superres", "evaluate", "make-checkpoint")),
                "ran " + ran);
        assertTrue(summary.contains("| superres | bicubic | model | 6 | 0 | 6 |"),
                "all six S2-NAIP chips scored against their target:\n" + summary);
    }
}
