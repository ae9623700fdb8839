package diffusionsat.io.raster;

/**
 * How reflectance images in [0, 1] (NaN = missing) are stored ({@code superres.outputType}):
 * {@code float32} as is with NaN nodata; {@code uint16} as reflectance × 10000 and {@code byte}
 * as the model's 8-bit image (× 255), both rounded, with 0 as nodata and every valid pixel
 * clamped to at least 1 so that none reads as nodata.
 */
public enum ReflectanceEncoding {
    FLOAT32(RasterDataType.FLOAT32, 1, Float.NaN),
    UINT16(RasterDataType.UINT16, 10000, 0),
    BYTE(RasterDataType.BYTE, 255, 0);

    private final RasterDataType dataType;
    private final int factor;
    private final double noDataValue;

    ReflectanceEncoding(RasterDataType dataType, int factor, double noDataValue) {
        this.dataType = dataType;
        this.factor = factor;
        this.noDataValue = noDataValue;
    }

    public RasterDataType dataType() {
        return dataType;
    }

    /** The nodata value written into the file. */
    public NoData noData() {
        return new NoData.Value(noDataValue);
    }

    /** Stored bytes per pixel and band, for size estimates. */
    public int bytesPerSample() {
        return switch (this) {
            case FLOAT32 -> 4;
            case UINT16 -> 2;
            case BYTE -> 1;
        };
    }

    /** Reflectance in [0, 1] back from a stored value (NaN for nodata). */
    public float decode(float stored) {
        if (this == FLOAT32) {
            return stored;
        }
        return stored == 0 || Float.isNaN(stored) ? Float.NaN : stored / factor;
    }

    /** Stored uint16 values (as Java's signed shorts) of reflectances. */
    public short[] toUint16(float[] reflectance) {
        short[] out = new short[reflectance.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) stored(reflectance[i], 65535);
        }
        return out;
    }

    /** Stored byte values of reflectances. */
    public byte[] toBytes(float[] reflectance) {
        byte[] out = new byte[reflectance.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) stored(reflectance[i], 255);
        }
        return out;
    }

    /** The stored values of reflectances, as floats (whole numbers for the integer types). */
    public float[] storedAsFloats(float[] reflectance) {
        if (this == FLOAT32) {
            return reflectance;
        }
        int max = this == UINT16 ? 65535 : 255;
        float[] out = new float[reflectance.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = stored(reflectance[i], max);
        }
        return out;
    }

    /** Decodes stored values in place (see {@link #decode}). */
    public void decodeInPlace(float[] stored) {
        if (this != FLOAT32) {
            for (int i = 0; i < stored.length; i++) {
                stored[i] = decode(stored[i]);
            }
        }
    }

    private int stored(float reflectance, int max) {
        if (Float.isNaN(reflectance)) {
            return 0;
        }
        long value = Math.round((double) reflectance * factor);
        return (int) Math.max(1, Math.min(max, value));
    }

    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

}
