package diffusionsat.sequence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.SequenceConfigs;
import diffusionsat.sampling.ControlNetPreset;
import diffusionsat.sampling.CheckpointMaker;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.spark.ExecutorModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sequence whose second image cannot be written leaves none of its images (issue 13). Injected
 * failure: a non-empty folder stands at the second image's name, so its rename fails.
 */
class AutoRegressiveSequenceTest {
    @TempDir
    Path dir;

    @Test
    void aFailureAtALaterDateRemovesTheSeedImageAlreadyWritten() throws Exception {
        Path checkpoint = dir.resolve("tiny");
        CheckpointMaker.write(checkpoint, CheckpointPreset.TINY, ControlNetPreset.TEMPORAL, 5);
        Path tiles = dir.resolve("tiles");
        SequenceSettings settings = SequenceConfigs.sequence(ConfigLoader.load(List.of(),
                List.of("model.checkpoint=" + checkpoint, "sampler.steps=1",
                        "sampler.height=32", "sampler.width=32")), tiles.toString());
        Storage storage = Storage.local();
        AutoRegressiveSequence sequences = new AutoRegressiveSequence(
                ExecutorModels.get(settings.model(), storage),
                ExecutorModels.conditional(settings.model(), 32, settings.runSeed(), storage),
                settings, storage);
        Files.createDirectories(tiles.resolve("s_20150731.tif").resolve("in-the-way"));
        SeedRequest request = new SeedRequest("s", "a field", 14.5, 45.9, 10.0,
                Instant.parse("2015-07-11T10:00:00Z"),
                List.of(Instant.parse("2015-07-31T10:00:00Z")));
        SequenceDates dates = SequenceDates.of(request.id(), request.start(), request.dates());

        assertThrows(StorageException.class, () -> sequences.generate(request, dates));
        try (Stream<Path> left = Files.list(tiles)) {
            assertEquals(List.of(), left.toList());
        }
    }
}
