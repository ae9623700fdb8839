package diffusionsat.inpaint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.spark.TileRef;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inpaint GSD rule against DIFFUSIONSAT.md §1.1: gsd × min(H, W) ÷ training resolution. */
class ModelMetadataTest {
    private static final TileRef TILE = new TileRef("xbd-1", "a.tif", null, List.of(),
            Instant.parse("2018-10-10T00:00:00Z"), -85.6, 30.2, 0.3, null);

    @Test
    void theGsdScalesByTheShorterSide() {
        // The spec's example: 0.3 m on a 1024-px array trained at 512 gives 0.6 → 600; a
        // 1024 × 768 raster fits its 768-px side to 512: 0.3 × 768 / 512 = 0.45 → 450.
        assertAll(
                () -> assertEquals(600f, ModelMetadata.of(TILE, 1024, 1024, 512, null,
                        MissingMetadata.FAIL)[2], 1e-3f),
                () -> assertEquals(450f, ModelMetadata.of(TILE, 1024, 768, 512, null,
                        MissingMetadata.FAIL)[2], 1e-3f),
                () -> assertEquals(450f, ModelMetadata.of(TILE, 768, 1024, 512, null,
                        MissingMetadata.FAIL)[2], 1e-3f));
    }
}
