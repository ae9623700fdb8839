package diffusionsat.io.raster;

import org.gdal.gdalconst.gdalconstConstants;

/** The pixel types outputs are written in. */
public enum RasterDataType {
    /** Unsigned 8 bit: values are rounded and clamped to 0..255 on write. */
    BYTE(gdalconstConstants.GDT_Byte),
    /** Unsigned 16 bit (reflectance × 10000 in {@link ReflectanceEncoding#UINT16}). */
    UINT16(gdalconstConstants.GDT_UInt16),
    /** 32-bit float, written as is. */
    FLOAT32(gdalconstConstants.GDT_Float32);

    private final int gdalType;

    RasterDataType(int gdalType) {
        this.gdalType = gdalType;
    }

    /** GDAL's {@code GDT_*} code. */
    public int gdalType() {
        return gdalType;
    }
}
