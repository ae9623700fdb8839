package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import diffusionsat.testing.Fixtures;
import diffusionsat.testing.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference case's {@code diffusion_pytorch_model.bin} (torch.save zip written by torch
 * 1.13, MANIFEST.md) read through the restricted unpickler equals the framework-free copy in
 * {@code weights/<key>.npy}, tensor by tensor and bit for bit: a loader has no tolerance.
 */
class ReferenceBinFilesTest {
    static Stream<Path> casesWithWeights() {
        return Fixtures.cases(Fixtures.reference()).stream()
                .filter(c -> Files.isRegularFile(c.resolve("diffusion_pytorch_model.bin")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithWeights")
    void binEqualsNpyWeightsBitForBit(Path caseDir) throws IOException {
        StateDict dict = WeightFiles.read(caseDir.resolve("diffusion_pytorch_model.bin"));
        Set<String> npyKeys;
        try (Stream<Path> files = Files.list(caseDir.resolve("weights"))) {
            npyKeys = files.map(f -> f.getFileName().toString().replaceFirst("\\.npy$", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertEquals(npyKeys, new TreeSet<>(dict.names()), "tensor names"));
        for (String key : npyKeys) {
            Npy expected = Npy.read(caseDir.resolve("weights").resolve(key + ".npy"));
            HostTensor actual = dict.get(key);
            checks.add(() -> assertEquals(TensorDType.F32, actual.dtype(), key));
            checks.add(() -> assertArrayEquals(expected.shape(), actual.shape(), key));
            checks.add(() -> assertArrayEquals(expected.floats(), actual.toFloatArray(), key));
        }
        assertAll(caseDir.getFileName().toString(), checks);
    }
}
