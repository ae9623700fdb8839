package diffusionsat.testing;

import diffusionsat.io.raster.Gdal;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.Resampling;
import diffusionsat.io.storage.Storage;
import java.nio.file.Path;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Derived test rasters: crops, pixel-average reductions and Float32 COGs of them; a header
 * declaring a huge raster.
 */
public final class TestRasters {
    private TestRasters() {}

    /** The top-left {@code width × height} pixels, on the same grid. */
    public static Raster crop(Raster raster, int width, int height) {
        float[][] bands = new float[raster.bandCount()][width * height];
        for (int b = 0; b < bands.length; b++) {
            for (int y = 0; y < height; y++) {
                System.arraycopy(raster.bands()[b], y * raster.width(), bands[b], y * width, width);
            }
        }
        return new Raster(width, height, raster.bandNames(), bands, raster.transform(),
                raster.crsWkt(), raster.noData());
    }

    /** Pixel averages onto a coarser grid of the same extent. */
    public static Raster resize(Raster raster, int width, int height) {
        float[][] bands = Resampling.resize(raster.bands(), raster.width(), raster.height(), width,
                height, Resampling.Method.AVERAGE);
        return new Raster(width, height, raster.bandNames(), bands,
                raster.transform().scaled(raster.width() / (double) width), raster.crsWkt(),
                raster.noData());
    }

    /** Writes {@code raster} as a Float32 COG to {@code file}. */
    public static Path write(Raster raster, Path file) {
        GdalRasters.writeCog(raster, file.toString(), Storage.local(), RasterDataType.FLOAT32);
        return file;
    }

    /** A tiny sparse GeoTIFF whose header declares 100000 x 100000 px (no block is stored). */
    public static Path hugeHeader(Path file) {
        Gdal.ensureRegistered();
        Dataset dataset = gdal.GetDriverByName("GTiff").Create(file.toString(), 100_000,
                100_000, 3, gdalconstConstants.GDT_Byte, new String[] {"SPARSE_OK=TRUE",
                    "TILED=YES", "BLOCKXSIZE=4096", "BLOCKYSIZE=4096", "BIGTIFF=YES"});
        dataset.SetGeoTransform(new double[] {500_000, 10, 0, 5_000_000, 0, -10});
        dataset.delete();
        return file;
    }
}
