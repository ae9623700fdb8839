package diffusionsat.io.stac;

import diffusionsat.io.raster.GdalDataset;
import diffusionsat.io.raster.GeoTransform;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.storage.Storage;
import java.util.Arrays;
import org.gdal.gdal.Dataset;

/**
 * The header of one band's raster (size, geotransform, CRS, nodata), read with GDAL without its
 * pixels.
 *
 * @param noData the file's nodata value, null when it has none
 */
record BandHeader(BandAsset asset, int width, int height, GeoTransform transform, String crsWkt,
        Double noData) {
    // GDAL's answer for a raster without a geotransform: not a position.
    private static final double[] GDAL_DEFAULT = {0, 1, 0, 0, 0, 1};

    /** Reads the header of {@code asset}'s raster; a MalformedItemException when unusable. */
    static BandHeader read(StacItemSource source, String itemId, BandAsset asset,
            Storage storage) {
        try (GdalDataset opened = GdalDataset.open(itemId, asset.href(), storage)) {
            Dataset dataset = opened.dataset();
            if (dataset.GetRasterCount() < 1) {
                throw reject(source, itemId, asset, "has no raster bands");
            }
            double[] gt = dataset.GetGeoTransform();
            if (gt == null || Arrays.equals(gt, GDAL_DEFAULT)) {
                throw reject(source, itemId, asset, "has no geotransform");
            }
            if (gt[2] != 0 || gt[4] != 0) {
                throw reject(source, itemId, asset, "is rotated (geotransform "
                        + Arrays.toString(gt) + "): bands cannot be stacked");
            }
            String crs = dataset.GetProjectionRef();
            if (crs == null || crs.isBlank()) {
                throw reject(source, itemId, asset, "has no CRS");
            }
            NoData noData = NoData.of(dataset.GetRasterBand(1));
            return new BandHeader(asset, dataset.GetRasterXSize(), dataset.GetRasterYSize(),
                    GeoTransform.fromGdal(gt), crs,
                    noData instanceof NoData.Value v ? v.value() : null);
        } catch (diffusionsat.io.TileException e) {
            throw new MalformedItemException(source, itemId, "asset " + asset.assetKey()
                    + " (" + asset.band() + ") unreadable: " + e.getMessage());
        }
    }

    private static MalformedItemException reject(StacItemSource source, String itemId,
            BandAsset asset, String what) {
        return new MalformedItemException(source, itemId, "asset " + asset.assetKey() + " ("
                + asset.href() + ") " + what);
    }
}
