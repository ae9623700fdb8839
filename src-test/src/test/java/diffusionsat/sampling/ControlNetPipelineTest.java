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
import diffusionsat.model.controlnet.ResidualScaling;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ControlNet pipelines end to end on generated tiny checkpoints (random weights, every ControlNet
 * weight non-zero so that the condition shows), on the CPU, at 32 px.
 */
class ControlNetPipelineTest {
    private static final int OUTPUT = 32;
    private static final TileSeeds SEEDS = new TileSeeds(11);
    private static final SamplerConfig FOUR_INVARIANT =
            new SamplerConfig(2, 7.5, 4, OUTPUT, OUTPUT, true);
    private static final SamplerConfig ONE = new SamplerConfig(2, 7.5, 1, OUTPUT, OUTPUT, true);

    @TempDir
    static Path dir;
    private static ControlNetPipeline superres;
    private static ControlNetPipeline temporal;

    @BeforeAll
    static void writeAndLoad() {
        CheckpointMaker.write(dir.resolve("sr"), CheckpointPreset.TINY, ControlNetPreset.SUPERRES,
                3);
        CheckpointMaker.write(dir.resolve("t"), CheckpointPreset.TINY, ControlNetPreset.TEMPORAL,
                4);
        superres = ControlNetPipelineLoader.load(DiffusersFolder.open(dir.resolve("sr")
                .toString()), ModelDType.F32, Device.cpu(), OUTPUT);
        temporal = ControlNetPipelineLoader.load(DiffusersFolder.open(dir.resolve("t")
                .toString()), ModelDType.F32, Device.cpu(), OUTPUT);
    }

    @AfterAll
    static void close() {
        superres.close();
        temporal.close();
    }

    @Test
    void shapesFollowTheControlNetConfigs() {
        assertAll(
                // conditioning_scale 2: strides 2, 2, 1, so the condition is 4 × the 4 px latent
                () -> assertEquals(new ControlNetShape(1, 10, 16, OUTPUT, false),
                        superres.shape()),
                // 3D: three stride-2 stages, the condition at the output size; num_cond 3
                () -> assertEquals(new ControlNetShape(3, 3, 32, OUTPUT, true),
                        temporal.shape()));
    }

    @Test
    void generatesImagesInTheUnitRangeThatDependOnTheItem() {
        List<float[][]> images = superres.forRun(11).generate(
                List.of(request(superres, "a", 1), request(superres, "b", 2)), FOUR_INVARIANT);
        float[][] a = images.get(0);
        assertAll(
                () -> assertEquals(3, a.length),
                () -> assertEquals(OUTPUT * OUTPUT, a[0].length),
                () -> assertTrue(inUnitRange(a)),
                () -> assertFalse(Arrays.equals(a[0], images.get(1)[0])));
    }

    @Test
    void theConditionChangesTheImage() {
        ConditionalRequest one = request(superres, "same", 1);
        ConditionalRequest other = request(superres, "same", 2); // same noise, other condition
        float[][] first = superres.generate(List.of(one), ONE, SEEDS::forTile).get(0);
        float[][] second = superres.generate(List.of(other), ONE, SEEDS::forTile).get(0);
        assertFalse(Arrays.equals(first[1], second[1]));
    }

    @Test
    void theConditioningScaleMultipliesTheControlNetsEffect() {
        // Scale 0 zeroes every residual: the condition no longer matters; 0.8 still sees it.
        ConditionalRequest one = request(superres, "same", 1);
        ConditionalRequest other = request(superres, "same", 2);
        float[][] offOne = superres.generate(List.of(one), ONE, SEEDS::forTile, 0f).get(0);
        float[][] offOther = superres.generate(List.of(other), ONE, SEEDS::forTile, 0f).get(0);
        float[][] scaled = superres.generate(List.of(one), ONE, SEEDS::forTile, 0.8f).get(0);
        float[][] full = superres.generate(List.of(one), ONE, SEEDS::forTile).get(0);
        assertAll(
                () -> assertArrayEquals(offOne[1], offOther[1]),
                () -> assertFalse(Arrays.equals(scaled[1], offOne[1])),
                () -> assertFalse(Arrays.equals(scaled[1], full[1])));
    }

    @Test
    void anItemsImageDoesNotDependOnItsBatch() {
        List<ConditionalRequest> requests = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            requests.add(request(superres, "item" + i, i));
        }
        List<float[][]> together = superres.generate(requests, FOUR_INVARIANT, SEEDS::forTile);
        assertAll(requests.stream().map(r -> () -> {
            float[][] alone = superres.generate(List.of(r), ONE, SEEDS::forTile).get(0);
            float[][] batched = together.get(requests.indexOf(r));
            for (int c = 0; c < 3; c++) {
                assertArrayEquals(alone[c], batched[c], r.itemId() + " channel " + c);
            }
        }));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2D", "3D"})
    void anOutOfMemoryBatchIsHalvedAndGivesTheSameImages(String kind) {
        ControlNetPipeline pipeline = kind.equals("2D") ? superres : temporal;
        List<ConditionalRequest> requests = List.of(request(pipeline, "x", 1),
                request(pipeline, "y", 2));
        List<Integer> attempts = new ArrayList<>();
        // Injected failure: a "device" that holds one item; the pipeline's own batching must
        // retry smaller batches, and the real networks run what fits.
        List<float[][]> halved = pipeline.generateBatches(requests, FOUR_INVARIANT, batch -> {
            attempts.add(batch.size());
            if (batch.size() > 1) {
                throw new EngineException("CUDA out of memory. Tried to allocate 20.00 MiB");
            }
            return pipeline.generateBatch(batch, FOUR_INVARIANT, SEEDS::forTile,
                    ResidualScaling.uniform(ControlNetPipeline.UPSTREAM_CONDITIONING_SCALE));
        });
        List<float[][]> direct = pipeline.generate(requests, FOUR_INVARIANT, SEEDS::forTile);
        assertAll(
                () -> assertEquals(List.of(2, 1, 1), attempts),
                () -> assertEquals(2, halved.size()),
                () -> {
                    for (int i = 0; i < 2; i++) {
                        assertArrayEquals(direct.get(i)[0], halved.get(i)[0], "item " + i);
                    }
                });
    }

    @Test
    void aRequestOfTheWrongShapeIsRefused() {
        ConditionalRequest threeChannels = request(temporal, "rgb", 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> superres.generate(List.of(threeChannels), ONE, SEEDS::forTile));
        assertTrue(e.getMessage().contains("takes 1 × 10 at 16x16"), e.getMessage());
    }

    /** A request that fits {@code pipeline}, with a random condition drawn from {@code seed}. */
    private static ConditionalRequest request(ControlNetPipeline pipeline, String id, long seed) {
        ControlNetShape shape = pipeline.shape();
        SplittableRandom random = new SplittableRandom(seed);
        int side = shape.conditioningSize();
        float[][][] frames = new float[shape.frames()][shape.channels()][side * side];
        float[][] frameMetadata = new float[shape.frames()][];
        for (int t = 0; t < shape.frames(); t++) {
            for (float[] plane : frames[t]) {
                for (int p = 0; p < plane.length; p++) {
                    plane[p] = (float) random.nextDouble();
                }
            }
            frameMetadata[t] = metadata(10.0, 1 + t).normalized();
        }
        return new ConditionalRequest(id, "a satellite image", metadata(2.5, 20).normalized(),
                frames, frameMetadata, side, side);
    }

    private static SatelliteMetadata metadata(double gsd, int day) {
        return new SatelliteMetadata(14.56, 45.87, gsd, 0, LocalDate.of(2015, 7, day));
    }

    private static boolean inUnitRange(float[][] planes) {
        for (float[] plane : planes) {
            for (float v : plane) {
                if (!(v >= 0 && v <= 1)) {
                    return false;
                }
            }
        }
        return true;
    }
}
