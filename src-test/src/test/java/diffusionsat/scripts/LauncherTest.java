package diffusionsat.scripts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Command;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a user runs it (issue 16, findings 1 and 10): a mistake is one line on
 * standard error and exit 2, with no JVM or library warning around it.
 */
class LauncherTest {

    @Test
    void aMistakeIsOneQuietLine(@TempDir Path dir) throws IOException, InterruptedException {
        Command run = Command.run(List.of("scripts/diffusionsat", "superres", "--catalog",
                "conf/samples/sentinel2", "--output", dir.toString()), Map.of());
        assertAll(run.toString(),
                () -> assertEquals(2, run.exit()),
                () -> assertEquals(List.of("error: configuration --catalog ="
                        + " conf/samples/sentinel2: this is a folder of rasters: run `diffusionsat"
                        + " catalog --input conf/samples/sentinel2 --output <catalogue>` first and"
                        + " pass that catalogue"), run.err().strip().lines().toList()),
                () -> assertTrue(run.out().isEmpty(), run.out()));
    }
}
