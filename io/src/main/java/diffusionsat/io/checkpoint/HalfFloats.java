package diffusionsat.io.checkpoint;

/**
 * IEEE binary16 (F16) and bfloat16 (BF16) to and from float32, in Java. BF16 never goes through
 * libtorch on the CPU, where a bf16 tensor aborts the JVM (PLATFORM.md); narrowing rounds to
 * nearest, ties to even, as PyTorch's {@code .half()} and {@code .bfloat16()} do.
 */
final class HalfFloats {
    private static final int F32_INFINITY = 0x7f800000;
    /** Magnitudes from 65520 up round to infinity in binary16 (max finite 65504). */
    private static final int F16_OVERFLOW = 0x477ff000;
    /** 2^-14, the smallest normal binary16 value. */
    private static final int F16_MIN_NORMAL = 0x38800000;
    private static final double TWO_POW_24 = 16777216.0;

    private HalfFloats() {}

    static float f16ToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h >>> 15) << 31;
        int exponent = (h >>> 10) & 0x1f;
        int mantissa = h & 0x3ff;
        if (exponent == 0) {                                   // zero or subnormal: mantissa·2^-24
            float magnitude = (float) (mantissa / TWO_POW_24);
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {                                // infinity or NaN (payload kept)
            return Float.intBitsToFloat(sign | F32_INFINITY | (mantissa << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
    }

    static short floatToF16(float value) {
        int f = Float.floatToRawIntBits(value);
        int sign = (f >>> 16) & 0x8000;
        int abs = f & 0x7fffffff;
        if (abs >= F32_INFINITY) {                             // infinity, or a quiet NaN
            int nanPayload = abs > F32_INFINITY ? 0x200 | ((abs >>> 13) & 0x3ff) : 0;
            return (short) (sign | 0x7c00 | nanPayload);
        }
        if (abs >= F16_OVERFLOW) {
            return (short) (sign | 0x7c00);
        }
        if (abs < F16_MIN_NORMAL) {                            // subnormal: round(|x|·2^24), exact
            return (short) (sign | (int) Math.rint(Float.intBitsToFloat(abs) * TWO_POW_24));
        }
        int half = (((abs >>> 23) - 127 + 15) << 10) | ((abs & 0x7fffff) >>> 13);
        int dropped = abs & 0x1fff;
        if (dropped > 0x1000 || (dropped == 0x1000 && (half & 1) == 1)) {
            half++;                                            // a carry into the exponent is right
        }
        return (short) (sign | half);
    }

    static float bf16ToFloat(short bits) {
        return Float.intBitsToFloat((bits & 0xffff) << 16);
    }

    static short floatToBf16(float value) {
        int f = Float.floatToRawIntBits(value);
        if ((f & 0x7fffffff) > F32_INFINITY) {
            return (short) ((f >>> 16) | 0x40);                // keep NaN a (quiet) NaN
        }
        return (short) ((f + 0x7fff + ((f >>> 16) & 1)) >>> 16);
    }
}
