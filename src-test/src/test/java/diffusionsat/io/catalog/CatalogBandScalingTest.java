package diffusionsat.io.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.raster.Gdal;
import diffusionsat.io.storage.Storage;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;
import org.gdal.osr.SpatialReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A GeoTIFF's GDAL band scale and offset give its row's radiometry where no collection names one
 * (issue 11): reflectance = DN × 0.0001 − 0.1 is baseline 04.00's digital numbers; a rule that
 * matches no radiometry rejects the file with the cause.
 */
class CatalogBandScalingTest {
    @TempDir
    Path dir;

    @Test
    void bandScaleAndOffsetBecomeTheRowsRadiometry() {
        write("l2a", 1e-4, -0.1);
        write("l1c", 1e-4, 0.0);
        write("plain", 1.0, 0.0);
        write("odd", 0.5, 0.0);
        ScanResult result = new CatalogScanner().scan(dir.toString(), Storage.local());
        Map<String, TileRecord> byId = result.tiles().stream()
                .collect(Collectors.toMap(TileRecord::id, Function.identity()));
        assertAll(
                () -> assertEquals("digital-numbers-offset-1000", byId.get("l2a").radiometry()),
                () -> assertEquals("digital-numbers", byId.get("l1c").radiometry()),
                () -> assertEquals(null, byId.get("plain").radiometry()),
                () -> assertEquals(1, result.failures().size()),
                () -> assertTrue(result.failures().get(0).cause().contains("GDAL scale 0.5 and"
                        + " offset 0.0"), result.failures().get(0).cause()));
    }

    /** A 16 x 16 uint16 GeoTIFF of B02, B03, B04 in UTM 33N with the given band scale/offset. */
    private void write(String name, double scale, double offset) {
        Gdal.ensureRegistered();
        Dataset dataset = gdal.GetDriverByName("GTiff").Create(dir.resolve(name + ".tif")
                .toString(), 16, 16, 3, gdalconstConstants.GDT_UInt16);
        dataset.SetGeoTransform(new double[] {500000, 10, 0, 5000000, 0, -10});
        SpatialReference utm = new SpatialReference();
        utm.ImportFromEPSG(32633);
        dataset.SetProjection(utm.ExportToWkt());
        String[] bands = {"B02", "B03", "B04"};
        short[] values = new short[256];
        java.util.Arrays.fill(values, (short) 2000);
        for (int b = 0; b < 3; b++) {
            dataset.GetRasterBand(b + 1).SetDescription(bands[b]);
            dataset.GetRasterBand(b + 1).SetScale(scale);
            dataset.GetRasterBand(b + 1).SetOffset(offset);
            dataset.GetRasterBand(b + 1).WriteRaster(0, 0, 16, 16, values);
        }
        dataset.delete();
    }
}
