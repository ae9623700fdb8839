package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.storage.Storage;
import diffusionsat.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The pairing rule of {@code catalog --targets / --masks} (README "Your own targets and masks")
 * on the shared data: one file for all, the same name up to a role suffix, else footprint and
 * date.
 */
class RasterPairingTest {
    private static final Storage STORAGE = Storage.local();
    private static final RasterPairing RULE = new RasterPairing(0.5, 31);
    private static final Path S2NAIP = Fixtures.data().resolve("superres/satlas_s2naip");
    private static final Path SAMPLES = Fixtures.projectRoot().resolve("conf/samples");

    @Test
    void oneTargetFileIsEveryInputsTarget() {
        String naip = S2NAIP.resolve("naip_rgb.png").toString();
        List<TileRecord> inputs = new CatalogScanner().scan(S2NAIP.toString(), STORAGE,
                Set.of(naip)).tiles();
        RasterPairing.Result result = RULE.pair(inputs, naip, RasterPairing.Role.TARGET,
                STORAGE);
        assertAll(
                () -> assertEquals(6, result.tiles().size(), "the target is not an input"),
                () -> assertTrue(result.tiles().stream().allMatch(t -> naip.equals(
                        t.targetHref())), "every chip's target"),
                () -> assertEquals(List.of(), result.unmatched()));
    }

    @Test
    void masksPairByNameUpToTheRoleSuffix() {
        List<TileRecord> inputs = new CatalogScanner().scan(SAMPLES.resolve("sentinel2")
                .toString(), STORAGE).tiles();
        RasterPairing.Result result = RULE.pair(inputs, SAMPLES.resolve("sentinel2-clouds")
                .toString(), RasterPairing.Role.MASK, STORAGE);
        assertAll(result.tiles().stream().map(tile -> () -> assertEquals(
                SAMPLES.resolve("sentinel2-clouds/" + tile.id() + "_clm.tif").toString(),
                tile.maskHref(), tile.id())));
        assertEquals(List.of(), result.unused());
    }

    @Test
    void pairKeysDropOneRoleSuffix() {
        assertAll(
                () -> assertEquals("x", RasterPairing.pairKey("/a/X_lr.png")),
                () -> assertEquals("x", RasterPairing.pairKey("s3a://b/hr/x-hr.tif")),
                () -> assertEquals("scene_20150711", RasterPairing.pairKey("scene_20150711_clm.tif")),
                () -> assertEquals("naip_rgb", RasterPairing.pairKey("naip_rgb.png")));
    }

    /**
     * The fMoW JPEGs (georeferenced by their sidecars) cover the Sentinel-2 scenes' footprint on
     * the same dates under other names: with no day of slack each scene takes its date's JPEG.
     */
    @Test
    void otherwiseFootprintAndDateDecide() {
        List<TileRecord> inputs = new CatalogScanner().scan(SAMPLES.resolve("sentinel2")
                .toString(), STORAGE).tiles();
        RasterPairing.Result result = new RasterPairing(0.5, 0).pair(inputs, Fixtures.data()
                .resolve("fmow_style/svn_eolearn").toString(), RasterPairing.Role.TARGET,
                STORAGE);
        Map<String, String> targets = result.tiles().stream().collect(Collectors.toMap(
                TileRecord::id, t -> Path.of(t.targetHref()).getFileName().toString()));
        assertEquals(Map.of(
                "s2_l1c_13band_svn_20150711", "svn_eolearn_0_rgb.jpg",
                "s2_l1c_13band_svn_20150731", "svn_eolearn_1_rgb.jpg",
                "s2_l1c_13band_svn_20150820", "svn_eolearn_2_rgb.jpg",
                "s2_l1c_13band_svn_20150830", "svn_eolearn_3_rgb.jpg",
                "s2_l1c_13band_svn_20150909", "svn_eolearn_4_rgb.jpg"), targets);
    }

    @Test
    void inputsWithoutAPairAndUnusedCandidatesAreListed() {
        List<TileRecord> inputs = new CatalogScanner().scan(Fixtures.data()
                .resolve("xbd_style/joplin/geotiff").toString(), STORAGE).tiles();
        RasterPairing.Result result = RULE.pair(inputs, SAMPLES.resolve("sentinel2-clouds")
                .toString(), RasterPairing.Role.MASK, STORAGE);
        assertAll(
                () -> assertEquals(List.of("joplin-tornado_00000000_post_disaster",
                        "joplin-tornado_00000000_pre_disaster"), result.unmatched().stream()
                        .sorted().toList()),
                () -> assertEquals(5, result.unused().size()),
                () -> assertTrue(result.tiles().stream().allMatch(t -> t.maskHref() == null)));
    }
}
