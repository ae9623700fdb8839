package diffusionsat.io.raster;

import diffusionsat.io.StorageException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * A local tiled GeoTIFF written block by block as a result is produced (a chunk's part of a
 * scene), so that no image has to be held whole: ZSTD level 1 with a predictor (fast; parts are
 * temporary), 256-pixel tiles, BigTIFF when the file could pass 4 GB, and on close the overview
 * levels asked for (nodata-aware averages). Pixels arrive as reflectance in [0, 1] with NaN for missing and are
 * stored by the {@link ReflectanceEncoding}.
 */
public final class TiledGeoTiffWriter implements AutoCloseable {
    private static final String[] OPTIONS = {
        "TILED=YES", "BLOCKXSIZE=256", "BLOCKYSIZE=256", "COMPRESS=ZSTD", "ZSTD_LEVEL=1",
        "BIGTIFF=IF_SAFER"
    };

    private final Dataset dataset;
    private final ReflectanceEncoding encoding;
    private final String file;
    private final int overviewLevels;

    private TiledGeoTiffWriter(Dataset dataset, ReflectanceEncoding encoding, String file,
            int overviewLevels) {
        this.dataset = dataset;
        this.encoding = encoding;
        this.file = file;
        this.overviewLevels = overviewLevels;
    }

    /**
     * Creates the file, its bands named {@code bandNames}, georeferenced and tagged with the
     * encoding's nodata value; every pixel reads as nodata until written.
     *
     * @param overviewLevels halvings built on close ({@link OverviewLevels}; 0: none)
     */
    public static TiledGeoTiffWriter create(Path file, int width, int height,
            List<String> bandNames, GeoTransform transform, String crsWkt,
            ReflectanceEncoding encoding, int overviewLevels) {
        Gdal.ensureRegistered();
        Dataset dataset;
        try {
            dataset = gdal.GetDriverByName("GTiff").Create(file.toString(), width, height,
                    bandNames.size(), encoding.dataType().gdalType(), options(encoding));
        } catch (RuntimeException e) {
            throw new StorageException(file.toString(), "GDAL cannot create a GeoTIFF: "
                    + Gdal.messageOf(e, "Create failed"), e);
        }
        if (dataset == null) {
            throw new StorageException(file.toString(), "GDAL cannot create a GeoTIFF: "
                    + Gdal.lastError("Create failed"), null);
        }
        dataset.SetGeoTransform(transform.toGdal());
        if (!crsWkt.isEmpty()) {
            dataset.SetProjection(crsWkt);
        }
        double noData = ((NoData.Value) encoding.noData()).value();
        for (int b = 0; b < bandNames.size(); b++) {
            Band band = dataset.GetRasterBand(b + 1);
            band.SetDescription(bandNames.get(b));
            band.SetNoDataValue(noData);
        }
        return new TiledGeoTiffWriter(dataset, encoding, file.toString(), overviewLevels);
    }

    /** The creation options with the predictor of the pixel type (floating point: 3). */
    private static String[] options(ReflectanceEncoding encoding) {
        String[] options = Arrays.copyOf(OPTIONS, OPTIONS.length + 1);
        options[OPTIONS.length] = "PREDICTOR=" + (encoding == ReflectanceEncoding.FLOAT32 ? 3 : 2);
        return options;
    }

    /**
     * Writes the {@code window} of every band from row-major planes of {@code window}'s size
     * (reflectance, NaN = missing).
     */
    public void write(RasterWindow window, float[][] planes) {
        for (int b = 0; b < planes.length; b++) {
            Band band = dataset.GetRasterBand(b + 1);
            int x = window.x();
            int y = window.y();
            int w = window.width();
            int h = window.height();
            int status = switch (encoding) {
                case FLOAT32 -> band.WriteRaster(x, y, w, h, planes[b]);
                // Java's shorts are signed: the buffer is declared uint16 so GDAL reads it so.
                case UINT16 -> band.WriteRaster(x, y, w, h, gdalconstConstants.GDT_UInt16,
                        encoding.toUint16(planes[b]));
                case BYTE -> band.WriteRaster(x, y, w, h, encoding.toBytes(planes[b]));
            };
            if (status != gdalconstConstants.CE_None) {
                throw new StorageException(file, "GDAL cannot write " + window + ": "
                        + Gdal.lastError("WriteRaster failed"), null);
            }
        }
    }

    /** Builds the overviews, flushes and closes the file. */
    @Override
    public void close() {
        try {
            if (overviewLevels > 0 && dataset.BuildOverviews("AVERAGE",
                    OverviewLevels.factors(overviewLevels)) != gdalconstConstants.CE_None) {
                throw new StorageException(file, "GDAL cannot build overviews: "
                        + Gdal.lastError("BuildOverviews failed"), null);
            }
            dataset.FlushCache();
        } finally {
            dataset.delete();
        }
    }
}
