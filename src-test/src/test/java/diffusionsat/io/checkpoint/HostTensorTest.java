package diffusionsat.io.checkpoint;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Half-precision widening and narrowing against bit patterns from IEEE 754 binary16 and the
 * bfloat16 layout (top 16 bits of a float32); narrowing rounds to nearest, ties to even.
 */
class HostTensorTest {
    @ParameterizedTest(name = "F16 {0} = {1}")
    @CsvSource({"0x3C00, 1.0", "0xC000, -2.0", "0x7BFF, 65504.0", "0x0001, 5.9604645E-8",
                "0x0400, 6.1035156E-5", "0x3555, 0.33325195", "0x7C00, Infinity",
                "0xFC00, -Infinity", "0x8000, -0.0", "0x0000, 0.0", "0x7E00, NaN"})
    void f16Widens(String bits, float value) {
        assertEquals(value, tensor(TensorDType.F16, bits).toFloatArray()[0]);
    }

    @ParameterizedTest(name = "BF16 {0} = {1}")
    @CsvSource({"0x3F80, 1.0", "0xC000, -2.0", "0x4049, 3.140625", "0x7F80, Infinity",
                "0x0001, 9.18355E-41", "0x8000, -0.0"})
    void bf16Widens(String bits, float value) {
        assertEquals(value, tensor(TensorDType.BF16, bits).toFloatArray()[0]);
    }

    @ParameterizedTest(name = "{0} -> F16 {1}")
    @CsvSource({"1.0, 0x3C00", "1.00048828125, 0x3C00", "1.00146484375, 0x3C02",
                "65519.0, 0x7BFF", "65520.0, 0x7C00", "2.9802322E-8, 0x0000",
                "8.940697E-8, 0x0002", "-2.0, 0xC000", "Infinity, 0x7C00", "NaN, 0x7E00"})
    void f16NarrowsToNearestEven(float value, String bits) {
        assertEquals(Integer.decode(bits), halfBits(HostTensor.ofFloats("x", new long[] {1},
                new float[] {value}, TensorDType.F16)));
    }

    @ParameterizedTest(name = "{0} -> BF16 {1}")
    @CsvSource({"1.0, 0x3F80", "1.00390625, 0x3F80", "1.01171875, 0x3F82", "-2.0, 0xC000",
                "3.1415927, 0x4049", "NaN, 0x7FC0"})
    void bf16NarrowsToNearestEven(float value, String bits) {
        assertEquals(Integer.decode(bits), halfBits(HostTensor.ofFloats("x", new long[] {1},
                new float[] {value}, TensorDType.BF16)));
    }

    @Test
    void integersConvertToFloats() {
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(-7).putInt(9);
        HostTensor ints = new HostTensor("i", TensorDType.I32, new long[] {2}, bytes.array());
        HostTensor unsigned = new HostTensor("u", TensorDType.U8, new long[] {2},
                new byte[] {(byte) 255, 1});
        assertAll(() -> assertArrayEquals(new float[] {-7, 9}, ints.toFloatArray()),
                  () -> assertArrayEquals(new float[] {255, 1}, unsigned.toFloatArray()),
                  () -> assertEquals(2, ints.numel()));
    }

    @Test
    void dataThatDisagreesWithShapeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HostTensor("w", TensorDType.F32, new long[] {2, 2}, new byte[12]));
        assertEquals("tensor w: shape [2, 2] of F32 needs 16 bytes, got 12", e.getMessage());
    }

    private static HostTensor tensor(TensorDType dtype, String bits) {
        int b = Integer.decode(bits);
        return new HostTensor("x", dtype, new long[] {1}, new byte[] {(byte) b, (byte) (b >>> 8)});
    }

    private static int halfBits(HostTensor tensor) {
        byte[] data = tensor.data();
        return (data[0] & 0xff) | (data[1] & 0xff) << 8;
    }
}
