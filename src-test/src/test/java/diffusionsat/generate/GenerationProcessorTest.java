package diffusionsat.generate;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.sampling.CheckpointMaker;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.spark.ExecutorModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image whose sidecar cannot be written leaves neither file (issue 13: nothing half-written).
 * Injected failure: a non-empty folder already stands at the sidecar's name, so its rename fails.
 */
class GenerationProcessorTest {
    @TempDir
    Path dir;

    @Test
    void aFailedSidecarTakesItsImageWithIt() throws Exception {
        Path checkpoint = dir.resolve("tiny");
        CheckpointMaker.write(checkpoint, CheckpointPreset.TINY, 3);
        Path images = dir.resolve("images");
        GenerationSettings settings = JobConfigs.generate(ConfigLoader.load(List.of(),
                List.of("model.checkpoint=" + checkpoint, "sampler.steps=1",
                        "sampler.height=32", "sampler.width=32")), images.toString());
        Storage storage = Storage.local();
        GenerationProcessor processor = new GenerationProcessor(
                ExecutorModels.get(settings.model(), storage), settings, storage);
        Files.createDirectories(images.resolve("b.json").resolve("in-the-way"));

        GenerationRequest a = GenerationRequest.of("a", "a field", 14.5, 45.9, 10.0, 0.0,
                java.sql.Date.valueOf("2015-07-11"));
        GenerationRequest b = GenerationRequest.of("b", "a lake", 14.5, 45.9, 10.0, 0.0,
                java.sql.Date.valueOf("2015-07-11"));
        assertThrows(StorageException.class, () -> processor.process(List.of(a, b)));
        assertAll(
                () -> assertTrue(Files.exists(images.resolve("a.png"))),
                () -> assertTrue(Files.exists(images.resolve("a.json"))),
                () -> assertFalse(Files.exists(images.resolve("b.png"))),
                () -> assertFalse(Files.exists(images.resolve("b.json"))),
                () -> assertTrue(Files.list(images).allMatch(p -> p.getFileName().toString()
                        .startsWith("a.")), "nothing else, temporary files included"));
    }
}
