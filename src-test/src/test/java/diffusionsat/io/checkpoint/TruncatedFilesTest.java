package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cut-off weight files fail with a {@link CheckpointFormatException} naming the file. */
class TruncatedFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "keep {0} of the bytes")
    @ValueSource(doubles = {0.0, 0.001, 0.5, 0.999})
    void truncatedBinNamesTheFile(double kept) throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.reference()
                .resolve("a_satunet_metadata/diffusion_pytorch_model.bin"));
        Path file = dir.resolve("diffusion_pytorch_model.bin");
        Files.write(file, Arrays.copyOf(whole, (int) (whole.length * kept)));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void safetensorsCutInTheDataNamesTheFileAndTheTensor() throws IOException {
        Path file = dir.resolve("model.safetensors");
        WeightFiles.writeSafetensors(StateDict.of(List.of(
                HostTensor.ofFloats("first", new long[] {4}, new float[4]),
                HostTensor.ofFloats("second", new long[] {4}, new float[4]))), file);
        byte[] whole = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(whole, whole.length - 3));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains(file.toString()), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("second"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("truncated"), e.getMessage()));
    }

    @ParameterizedTest(name = "keep {0} bytes")
    @ValueSource(ints = {0, 5, 8, 20})
    void safetensorsCutInTheHeaderNamesTheFile(int kept) throws IOException {
        Path file = dir.resolve("cut.safetensors");
        WeightFiles.writeSafetensors(StateDict.of(List.of(
                HostTensor.ofFloats("only", new long[] {2}, new float[2]))), file);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), kept));

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
