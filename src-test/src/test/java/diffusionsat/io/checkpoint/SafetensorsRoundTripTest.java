package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Safetensors written here read back identically, in order, for every dtype. */
class SafetensorsRoundTripTest {
    @TempDir
    Path dir;

    @Test
    void everyDtypeRoundTripsInOrder() throws IOException {
        StateDict written = StateDict.of(List.of(
                HostTensor.ofFloats("conv.weight", new long[] {2, 1, 2, 2},
                        new float[] {1, -2, 3.5f, 0, 1e-3f, 7, -8, 65504}),
                HostTensor.ofFloats("half", new long[] {3}, new float[] {1, -2, 0.5f},
                        TensorDType.F16),
                HostTensor.ofFloats("brain", new long[] {3}, new float[] {1, -2, 0.5f},
                        TensorDType.BF16),
                HostTensor.ofFloats("double", new long[] {1}, new float[] {0.1f},
                        TensorDType.F64),
                new HostTensor("position_ids", TensorDType.I64, new long[] {1, 2},
                        longs(0, 1)),
                new HostTensor("mask", TensorDType.BOOL, new long[] {2}, new byte[] {1, 0}),
                new HostTensor("scalar", TensorDType.U8, new long[0], new byte[] {(byte) 200}),
                new HostTensor("empty", TensorDType.F32, new long[] {0, 3}, new byte[0])));
        Path file = dir.resolve("model.safetensors");

        WeightFiles.writeSafetensors(written, file);
        StateDict read = WeightFiles.read(file);

        assertAll(() -> assertEquals(List.copyOf(written.names()), List.copyOf(read.names())),
                  () -> written.forEach(t -> assertEquals(t, read.get(t.name()), t.name())),
                  () -> assertArrayEquals(new float[] {1, -2, 0.5f},
                          read.get("half").toFloatArray()),
                  () -> assertArrayEquals(new float[] {1, -2, 0.5f},
                          read.get("brain").toFloatArray()),
                  () -> assertArrayEquals(new float[] {0, 1},
                          read.get("position_ids").toFloatArray()),
                  () -> assertArrayEquals(new float[] {200}, read.get("scalar").toFloatArray()),
                  () -> assertEquals(file.toString(), read.source()));
    }

    @Test
    void headerIsPaddedJsonThatOtherReadersAccept() throws IOException {
        Path file = dir.resolve("w.safetensors");
        WeightFiles.writeSafetensors(StateDict.of(List.of(
                HostTensor.ofFloats("a", new long[] {2}, new float[] {1, 2}))), file);
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = bytes.getLong();
        String header = new String(bytes.array(), 8, (int) headerLength, StandardCharsets.UTF_8);

        assertAll(() -> assertEquals(0, headerLength % 8, "data aligned to 8 bytes"),
                  () -> assertTrue(header.contains("\"a\":{\"dtype\":\"F32\",\"shape\":[2],"
                          + "\"data_offsets\":[0,8]}"), header),
                  () -> assertEquals(8 + headerLength + 8, bytes.capacity()));
    }

    @Test
    void writingLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("x.safetensors");
        WeightFiles.writeSafetensors(StateDict.of(List.of(
                HostTensor.ofFloats("a", new long[] {1}, new float[] {1}))), file);
        WeightFiles.writeSafetensors(StateDict.of(List.of(
                HostTensor.ofFloats("b", new long[] {1}, new float[] {2}))), file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals(List.of("b"), List.copyOf(WeightFiles.read(file).names()));
    }

    @Test
    void unknownDtypeIsAnErrorNamingTheTensor() throws IOException {
        String header = "{\"odd\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}";
        Path file = writeRaw("odd.safetensors", header, 1);

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertAll(() -> assertTrue(e.getMessage().contains("odd"), e.getMessage()),
                  () -> assertTrue(e.getMessage().contains("F8_E4M3"), e.getMessage()));
    }

    @Test
    void sizeThatDisagreesWithShapeIsAnErrorNamingTheTensor() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";
        Path file = writeRaw("bad.safetensors", header, 8);

        CheckpointFormatException e = assertThrows(CheckpointFormatException.class,
                () -> WeightFiles.read(file));
        assertTrue(e.getMessage().contains("tensor w"), e.getMessage());
    }

    /** A safetensors file with a hand-written header and {@code dataBytes} zero bytes of data. */
    private Path writeRaw(String name, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer bytes = ByteBuffer.allocate(8 + json.length + dataBytes)
                .order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(json.length).put(json);
        Path file = dir.resolve(name);
        Files.write(file, bytes.array());
        return file;
    }

    private static byte[] longs(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        return bytes.array();
    }
}
