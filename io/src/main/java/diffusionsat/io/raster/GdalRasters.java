package diffusionsat.io.raster;

import diffusionsat.io.DiffusionSatException;
import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/** Reads rasters into {@link Raster}s and writes {@link Raster}s as Cloud-Optimized GeoTIFFs. */
public final class GdalRasters {
    private static final int BLOCK_SIZE = 256;
    /**
     * DEFLATE level 1: float32 outputs barely compress at any level (the default level 6 makes
     * them about 1.5 % smaller in twice the time). The overviews are the ones {@link
     * #buildOverviews} adds to the staged dataset.
     */
    private static final String[] COG_OPTIONS = {
        "COMPRESS=DEFLATE", "LEVEL=1", "PREDICTOR=YES", "BLOCKSIZE=" + BLOCK_SIZE,
        "OVERVIEWS=FORCE_USE_EXISTING", "BIGTIFF=IF_SAFER"
    };
    /** The COG driver's own choice for non-paletted rasters. */
    private static final String OVERVIEW_RESAMPLING = "CUBIC";

    private GdalRasters() {}

    /**
     * Reads every band of the raster at {@code uri} (local path, {@code file:} or {@code s3a:})
     * as float32, with its band names ({@link BandNames#of}), geotransform, CRS and the first
     * band's nodata rule. Any failure is a {@link TileReadException} naming the tile, the file and
     * GDAL's message. For large rasters read windows through {@link RasterReader} instead.
     */
    public static Raster read(String tileId, String uri, Storage storage) {
        try (RasterReader reader = RasterReader.open(tileId, uri, storage)) {
            return reader.readAll();
        } catch (DiffusionSatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TileReadException(tileId, uri, Gdal.messageOf(e, "GDAL read failed"), e);
        }
    }

    /**
     * Writes a Cloud-Optimized GeoTIFF (DEFLATE, predictor, 256-pixel blocks, cubic overviews
     * halving down to one block) with the raster's CRS, transform, band descriptions and nodata
     * value to a local temporary file, then publishes it to {@code uri} ({@link
     * Storage#publish}: never partial under its final name).
     * With {@link RasterDataType#BYTE} values are rounded and clamped to 0..255 and missing
     * pixels (NaN) get the nodata value (0 when there is none).
     */
    public static void writeCog(Raster raster, String uri, Storage storage,
            RasterDataType dataType) {
        writeCog(raster, uri, storage, dataType, Map.of());
    }

    /** {@link #writeCog(Raster, String, Storage, RasterDataType)} plus dataset metadata tags. */
    public static void writeCog(Raster raster, String uri, Storage storage,
            RasterDataType dataType, Map<String, String> tags) {
        Gdal.ensureRegistered();
        Path local = TemporaryFiles.create("diffusionsat-cog-", ".tif", uri);
        try {
            writeLocalCog(raster, local, dataType, tags, uri);
            storage.publish(local, uri);
        } finally {
            TemporaryFiles.deleteQuietly(local);
        }
    }

    private static void writeLocalCog(Raster raster, Path local, RasterDataType dataType,
            Map<String, String> tags, String uri) {
        Driver memory = gdal.GetDriverByName("MEM");
        Dataset staged = null;
        String call = "Create";
        try {
            staged = memory.Create("", raster.width(), raster.height(), raster.bandCount(),
                    dataType.gdalType());
            require(staged != null, call, uri);
            call = "SetGeoTransform";
            require(staged.SetGeoTransform(raster.transform().toGdal())
                    == gdalconstConstants.CE_None, call, uri);
            if (!raster.crsWkt().isEmpty()) {
                call = "SetProjection";
                require(staged.SetProjection(raster.crsWkt()) == gdalconstConstants.CE_None,
                        call, uri);
            }
            call = "SetMetadataItem";
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                require(staged.SetMetadataItem(tag.getKey(), tag.getValue())
                        == gdalconstConstants.CE_None, call, uri);
            }
            for (int b = 0; b < raster.bandCount(); b++) {
                call = "band " + (b + 1) + " SetNoDataValue/WriteRaster";
                writeBand(staged.GetRasterBand(b + 1), raster, b, dataType, uri);
            }
            call = "BuildOverviews";
            buildOverviews(staged, uri);
            CogAssembler.copyAsCog(staged, local, COG_OPTIONS, uri, null); // a StorageException
        } catch (DiffusionSatException e) {
            throw e;
        } catch (RuntimeException e) {                      // GDAL's exceptions (UseExceptions)
            throw new GdalCallException(call, uri, Gdal.messageOf(e, "no message"), e);
        } finally {
            if (staged != null) {
                staged.delete();
            }
        }
    }

    /** A failed call on the staged output: never the tile's data, so it fails the task. */
    private static void require(boolean succeeded, String call, String uri) {
        if (!succeeded) {
            throw new GdalCallException(call, uri, Gdal.lastError("no message"), null);
        }
    }

    private static void writeBand(Band band, Raster raster, int index, RasterDataType dataType,
            String uri) {
        float[] values = raster.bands()[index];
        band.SetDescription(raster.bandNames().get(index));
        double noDataValue = 0;
        if (raster.noData() instanceof NoData.Value v) {
            require(band.SetNoDataValue(v.value()) == gdalconstConstants.CE_None,
                    "band " + (index + 1) + " SetNoDataValue", uri);
            noDataValue = v.value();
        }
        int w = raster.width();
        int h = raster.height();
        int status = switch (dataType) {
            case FLOAT32 -> band.WriteRaster(0, 0, w, h, values);
            case BYTE -> band.WriteRaster(0, 0, w, h, toBytes(values, noDataValue));
            // GDAL rounds and clamps floats to 0..65535 itself (NaN becomes 0).
            case UINT16 -> band.WriteRaster(0, 0, w, h, values);
        };
        require(status == gdalconstConstants.CE_None, "band " + (index + 1) + " WriteRaster",
                uri);
    }

    /**
     * Adds in memory the overview levels the COG driver would otherwise build itself (factors 2,
     * 4, ... while either side still exceeds a block), which spares it a temporary compressed
     * overview file written and read back. The first level is the driver's exactly; deeper ones
     * are reduced from full resolution, where the driver reduces each from the level above.
     */
    private static void buildOverviews(Dataset staged, String uri) {
        List<Integer> factors = new ArrayList<>();
        int width = staged.GetRasterXSize();
        int height = staged.GetRasterYSize();
        for (int factor = 2; width > BLOCK_SIZE || height > BLOCK_SIZE; factor *= 2) {
            factors.add(factor);
            width /= 2;
            height /= 2;
        }
        if (factors.isEmpty()) {
            return;
        }
        require(staged.BuildOverviews(OVERVIEW_RESAMPLING,
                factors.stream().mapToInt(Integer::intValue).toArray())
                == gdalconstConstants.CE_None, "BuildOverviews", uri);
    }

    private static byte[] toBytes(float[] values, double noDataValue) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = Float.isNaN(values[i]) ? noDataValue : values[i];
            bytes[i] = (byte) Math.round(Math.max(0, Math.min(255, v)));
        }
        return bytes;
    }
}
