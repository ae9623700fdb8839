package diffusionsat.sampling;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.EngineException;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.model.ModelDType;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sampling end to end on a generated tiny checkpoint (random weights), on the CPU. */
class DiffusionSatPipelineTest {
    private static final TileSeeds SEEDS = new TileSeeds(42);
    private static final SamplerConfig FOUR_AT_ONCE = new SamplerConfig(2, 7.5, 4, 64, 64, true);
    private static final SamplerConfig ONE_AT_A_TIME = new SamplerConfig(2, 7.5, 1, 64, 64, true);

    @TempDir
    static Path dir;
    private static DiffusionSatPipeline pipeline;

    @BeforeAll
    static void loadTinyCheckpoint() {
        CheckpointMaker.write(dir.resolve("tiny"), CheckpointPreset.TINY, 7);
        pipeline = PipelineLoader.load(DiffusersFolder.open(dir.resolve("tiny").toString()),
                ModelDType.F32, Device.cpu());
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void anItemsImageDoesNotDependOnItsBatch() {
        List<SampleRequest> requests = requests("a", "b", "c", "d");
        List<GeneratedImage> together = pipeline.sample(requests, FOUR_AT_ONCE);
        List<GeneratedImage> alone = new ArrayList<>();
        for (SampleRequest request : requests) {
            alone.addAll(pipeline.sample(List.of(request), ONE_AT_A_TIME));
        }
        assertAll(requests.stream().map(r -> () -> {
            int i = requests.indexOf(r);
            assertEquals(r.id(), together.get(i).id());
            assertArrayEquals(alone.get(i).rgb(), together.get(i).rgb(), r.id());
        }));
    }

    @Test
    void anOutOfMemoryBatchIsHalvedAndGivesTheSameImages() {
        List<SampleRequest> requests = requests("x", "y", "z");
        List<Integer> attempts = new ArrayList<>();
        // Injected failure: a "device" that holds one item at a time; the pipeline's own
        // batching (HalvingBatches) must retry smaller batches and keep their order.
        List<GeneratedImage> halved = pipeline.sample(requests, FOUR_AT_ONCE, (batch, s) -> {
            attempts.add(batch.size());
            if (batch.size() > 1) {
                throw new EngineException("CUDA out of memory. Tried to allocate 20.00 MiB");
            }
            return pipeline.sampleBatch(batch, s);
        });
        List<GeneratedImage> direct = pipeline.sample(requests, FOUR_AT_ONCE);
        assertAll(
                () -> assertEquals(List.of(3, 1, 1, 1), attempts),
                () -> assertEquals(List.of("x", "y", "z"),
                        halved.stream().map(GeneratedImage::id).toList()),
                () -> {
                    for (int i = 0; i < 3; i++) {
                        assertArrayEquals(direct.get(i).rgb(), halved.get(i).rgb(), "item " + i);
                    }
                });
    }

    @Test
    void batchInvarianceAutoIsOnForTheCpu() {
        SamplerConfig auto = new SamplerConfig(SchedulerKind.DDIM, 2, 7.5, 4, 64, 64,
                SamplerConfig.BatchInvariance.AUTO);
        assertAll(() -> assertTrue(pipeline.batchInvariant(auto)),
                () -> assertFalse(pipeline.batchInvariant(new SamplerConfig(2, 7.5, 4, 64, 64,
                        false))),
                () -> assertFalse(auto.batchInvariantOn(Device.gpu())));
    }

    @Test
    void everySchedulerSamplesItsOwnImageFromTheSameNoise() {
        List<SampleRequest> one = requests("s");
        byte[] ddim = pipeline.sample(one, ONE_AT_A_TIME).get(0).rgb();
        byte[] dpm = pipeline.sample(one, ONE_AT_A_TIME.withScheduler(
                SchedulerKind.DPM_SOLVER_PP)).get(0).rgb();
        byte[] unipc = pipeline.sample(one, ONE_AT_A_TIME.withScheduler(SchedulerKind.UNIPC))
                .get(0).rgb();
        assertAll(() -> assertFalse(Arrays.equals(ddim, dpm)),
                () -> assertFalse(Arrays.equals(dpm, unipc)),
                () -> assertArrayEquals(dpm, pipeline.sample(one, ONE_AT_A_TIME.withScheduler(
                        SchedulerKind.DPM_SOLVER_PP)).get(0).rgb(), "deterministic"));
    }

    @Test
    void itemsWithOtherIdsGetOtherNoise() {
        List<GeneratedImage> images = pipeline.sample(requests("a", "b"), FOUR_AT_ONCE);
        assertAll(
                () -> assertEquals(64 * 64 * 3, images.get(0).rgb().length),
                () -> assertFalse(Arrays.equals(images.get(0).rgb(), images.get(1).rgb())));
    }

    @Test
    void captionsLongerThan77TokensAreTruncatedAndFlagged() {
        String longCaption = "a satellite image of fields and roads ".repeat(20);
        SampleRequest request = new SampleRequest("long", longCaption, metadata(),
                SEEDS.forTile("long"));
        GeneratedImage image = pipeline.sample(List.of(request), ONE_AT_A_TIME).get(0);
        assertAll(() -> assertTrue(image.captionTruncated()),
                () -> assertEquals(140, image.captionTokens()));
    }

    @Test
    void guidanceBelowOneIsRefused() {
        assertThrows(diffusionsat.io.ConfigException.class,
                () -> new SamplerConfig(2, 0.5, 1, 64, 64, true));
    }

    private static List<SampleRequest> requests(String... ids) {
        List<SampleRequest> requests = new ArrayList<>();
        for (String id : ids) {
            requests.add(new SampleRequest(id, "a satellite image of farmland near " + id,
                    metadata(), SEEDS.forTile(id)));
        }
        return requests;
    }

    private static SatelliteMetadata metadata() {
        return new SatelliteMetadata(14.557815, 45.870459, 10, 0, LocalDate.of(2015, 7, 11));
    }
}
