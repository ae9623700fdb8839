package diffusionsat.model.unet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.KeyList;
import diffusionsat.model.UNetConfig;
import diffusionsat.testing.Fixtures;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The SD 2.1 SatUNet tree must have exactly the checkpoint's tensor names and shapes
 * (shared/docs/diffusionsat-keys/satunet_keys.tsv, 714 tensors; STYLE.md §3.12). Built as a shape
 * tree only: the 3.5 GB of weights are never allocated.
 */
class SatUNetKeyListTest {

    @Test
    void sd21SatUNetMatchesCheckpointKeyList() {
        Map<String, Shape> expected = readKeyList();
        SatUNet unet = new SatUNet(UNetConfig.sd21());
        Map<String, Shape> actual = unet.parameterShapes();
        assertAll(
                () -> assertEquals(714, expected.size(), "key list size"),
                () -> assertEquals(Set.of(), minus(expected.keySet(), actual.keySet()), "missing"),
                () -> assertEquals(Set.of(), minus(actual.keySet(), expected.keySet()),
                        "unexpected"),
                () -> assertEquals(expected, actual, "shapes"),
                // DIFFUSIONSAT.md §1.4: 865,910,724 (SD 2.1 UNet) + 7 × 2,050,560
                () -> assertEquals(880_264_644L, unet.parameterCount(), "parameters"));
    }

    private static Map<String, Shape> readKeyList() {
        Map<String, Shape> keys = new LinkedHashMap<>();
        KeyList.read(Fixtures.keys().resolve("satunet_keys.tsv"))
                .forEach((name, shape) -> keys.put(name, new Shape(shape)));
        return keys;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> difference = new TreeSet<>(a);
        difference.removeAll(b);
        return difference;
    }
}
