package diffusionsat.superres;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import diffusionsat.io.TileException;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.GridCentre;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.model.ModelDType;
import diffusionsat.sampling.CheckpointMaker;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.ControlNetPipeline;
import diffusionsat.sampling.ControlNetPipelineLoader;
import diffusionsat.sampling.ControlNetPreset;
import diffusionsat.sampling.SamplerConfig;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.testing.Fixtures;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DiffusionSat super-resolver on a generated tiny checkpoint (random weights) and the bundled
 * Sentinel-2 sample: 32 px outputs at scale 4, so windows of 8 input pixels.
 */
class DiffusionSatSuperResolverTest {
    private static final int OUTPUT = 32;
    private static final int SCALE = 4;
    private static final int WINDOW = OUTPUT / SCALE;
    private static final SatelliteMetadata TILE =
            new SatelliteMetadata(14.557815, 45.870459, 10.0, 25, LocalDate.of(2015, 7, 11));

    @TempDir
    static Path dir;
    private static ControlNetPipeline pipeline;

    @BeforeAll
    static void load() {
        CheckpointMaker.write(dir.resolve("sr"), CheckpointPreset.TINY, ControlNetPreset.SUPERRES,
                5);
        pipeline = ControlNetPipelineLoader.load(DiffusersFolder.open(dir.resolve("sr")
                .toString()), ModelDType.F32, Device.cpu(), OUTPUT);
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void metadataFollowsTheFmowSentinelRecipe() {
        ConditionalRequest request = resolver(1).request("t", scene(WINDOW, TILE));
        float[] target = request.targetMetadata();
        float[] condition = request.frameMetadata()[0];
        assertAll(
                // 8 input pixels of 10 m over 32 output pixels: 2.5 m -> 2500 (DIFFUSIONSAT.md §1.1)
                () -> assertEquals(2500f, target[2], 1e-3f),
                // the condition's GSD is the raw 10 m, normalised to 10000 (DIFFUSIONSAT.md §3.1)
                () -> assertEquals(10000f, condition[2], 1e-3f),
                () -> assertArrayEquals(new float[] {target[0], target[1], target[3], target[4]},
                        new float[] {condition[0], condition[1], condition[3], condition[4]}),
                () -> assertEquals(10, request.frames()[0].length),
                () -> assertEquals(16 * 16, request.frames()[0][0].length, "conditioning size"));
    }

    @Test
    void eachWindowIsConditionedOnItsOwnCentre() {
        PixelGrid grid = PixelGrid.of(sample());
        SuperResolutionInput scene = scene(WINDOW, TILE);
        PixelGrid topLeft = grid.window(0, 0, WINDOW, WINDOW);
        PixelGrid lowerRight = grid.window(48, 72, WINDOW, WINDOW);
        ConditionalRequest a = resolver(1).request("a", placed(scene, topLeft));
        ConditionalRequest b = resolver(1).request("b", placed(scene, lowerRight));
        double[] centreA = GridCentre.lonLat(topLeft);
        double[] centreB = GridCentre.lonLat(lowerRight);
        float[] expectedA = new SatelliteMetadata(centreA[0], centreA[1], 2.5, 25,
                TILE.date()).normalized();
        assertAll(
                () -> assertArrayEquals(expectedA, a.targetMetadata()),
                () -> assertEquals(new SatelliteMetadata(centreB[0], centreB[1], 2.5, 25,
                        TILE.date()).normalized()[0], b.targetMetadata()[0]),
                // 480 m east and 720 m south of the first window: another place
                () -> assertTrue(b.targetMetadata()[0] > a.targetMetadata()[0]),
                () -> assertTrue(b.targetMetadata()[1] < a.targetMetadata()[1]),
                () -> assertEquals(a.targetMetadata()[0], a.frameMetadata()[0][0]),
                () -> assertEquals(10000f, a.frameMetadata()[0][2], 1e-3f));
    }

    @Test
    void aSceneOfOneWindowIsTheSingleWindowRun() {
        SuperResolutionInput scene = scene(WINDOW, TILE);
        DiffusionSatSuperResolver model = resolver(4);
        float[][] direct = model.superResolve(scene, SCALE);
        float[][] windowed = new WindowedSuperResolver(model, WINDOW, 2).superResolve(scene, SCALE);
        assertAll(() -> assertEquals(OUTPUT * OUTPUT, direct[0].length),
                () -> {
                    for (int c = 0; c < 3; c++) {
                        assertArrayEquals(direct[c], windowed[c], "channel " + c);
                    }
                });
    }

    @Test
    void aTilesOutputIsTheSameInBatchesOfOneAndOfFour() {
        SuperResolutionInput scene = scene(14, TILE); // 2 × 2 windows of 8 with overlap 2
        float[][] one = new WindowedSuperResolver(resolver(1), WINDOW, 2).superResolve(scene, SCALE);
        float[][] four = new WindowedSuperResolver(resolver(4), WINDOW, 2).superResolve(scene, SCALE);
        assertAll(() -> assertEquals(14 * SCALE * 14 * SCALE, one[0].length),
                () -> {
                    for (int c = 0; c < 3; c++) {
                        assertArrayEquals(one[c], four[c], "channel " + c);
                    }
                });
    }

    @Test
    void aTileWithoutMetadataFails() {
        TileException e = assertThrows(TileException.class,
                () -> resolver(1).superResolve(scene(WINDOW, null), SCALE));
        assertTrue(e.getMessage().contains("needs lon, lat, gsd and datetime"), e.getMessage());
    }

    private static DiffusionSatSuperResolver resolver(int batchSize) {
        return new DiffusionSatSuperResolver(pipeline,
                new SamplerConfig(2, 7.5, batchSize, OUTPUT, OUTPUT, true), "a satellite image",
                ControlNetPipeline.UPSTREAM_CONDITIONING_SCALE);
    }

    private static SuperResolutionInput placed(SuperResolutionInput input, PixelGrid grid) {
        return new SuperResolutionInput(input.tileId(), input.width(), input.height(),
                input.channels(), input.metadata(), input.seed(), grid, 1);
    }

    private static Raster sample() {
        return GdalRasters.read("s2", Fixtures.projectRoot()
                .resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif").toString(),
                Storage.local());
    }

    /** The top-left side × side pixels of the 2015-07-11 sample, in the 10 model channels. */
    private static SuperResolutionInput scene(int side, SatelliteMetadata metadata) {
        Raster raster = sample();
        float[][] channels = new Sentinel2Preprocessing(Radiometry.REFLECTANCE)
                .controlNetChannels("s2", raster);
        float[][] crop = new float[channels.length][side * side];
        for (int c = 0; c < channels.length; c++) {
            for (int y = 0; y < side; y++) {
                System.arraycopy(channels[c], y * raster.width(), crop[c], y * side, side);
            }
        }
        return new SuperResolutionInput("s2", side, side, crop, metadata, 99);
    }
}
