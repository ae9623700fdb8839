package diffusionsat.model.controlnet;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.KeyList;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.UNetConfig;
import diffusionsat.testing.Fixtures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The SD 2.1 ControlNets must have exactly the checkpoints' tensor names and shapes
 * (shared/docs/diffusionsat-keys, DIFFUSIONSAT.md §3.1-§3.2; STYLE.md §3.12). Built as shape trees
 * only: the 1.5 and 1.7 GB of weights are never allocated.
 */
class ControlNetKeyListTest {

    @Test
    void fmowSuperResolutionControlNetMatchesCheckpointKeyList() {
        // launch_fmow_md_superres.sh: 10 Sentinel-2 bands at 256 px for a 512 px target
        ControlNetModel model = new ControlNetModel(
                ControlNetConfig.fromUNet(UNetConfig.sd21(), 10, 2));
        // §3.1: 368 tensors, 378,583,168 parameters
        assertKeyList("controlnet_fmow_sr_keys.tsv", model, 368, 378_583_168L);
    }

    @Test
    void temporalControlNet3DMatchesCheckpointKeyList() {
        // launch_texas_md_controlnet.sh: RGB frames, temporal attention on
        ControlNetModel3D model = new ControlNetModel3D(
                ControlNet3DConfig.fromUNet(UNetConfig.sd21(), 3, true));
        // §3.2: 484 tensors, 433,183,100 parameters
        assertKeyList("controlnet3d_keys.tsv", model, 484, 433_183_100L);
    }

    @Test
    void temporalTransformersSitAtSlot0AndAfterEachDownsampler() {
        TemporalBlocks blocks = new TemporalBlocks(
                ControlNet3DConfig.fromUNet(UNetConfig.sd21(), 3, true));
        List<Integer> transformerSlots = new ArrayList<>();
        for (int slot = 0; slot < blocks.size(); slot++) {
            if (blocks.get(slot) != null) {
                transformerSlots.add(slot);
            }
        }
        assertAll(() -> assertEquals(12, blocks.size()),
                () -> assertEquals(List.of(0, 3, 6, 9), transformerSlots));
    }

    private static void assertKeyList(String file, DiffusersBlock model, int tensors,
            long parameters) {
        Map<String, Shape> expected = new LinkedHashMap<>();
        KeyList.read(Fixtures.keys().resolve(file))
                .forEach((name, shape) -> expected.put(name, new Shape(shape)));
        Map<String, Shape> actual = model.parameterShapes();
        assertAll(
                () -> assertEquals(tensors, expected.size(), "key list size"),
                () -> assertEquals(Set.of(), minus(expected.keySet(), actual.keySet()), "missing"),
                () -> assertEquals(Set.of(), minus(actual.keySet(), expected.keySet()),
                        "unexpected"),
                () -> assertEquals(expected, actual, "shapes"),
                () -> assertEquals(parameters, model.parameterCount(), "parameters"));
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> difference = new TreeSet<>(a);
        difference.removeAll(b);
        return difference;
    }
}
