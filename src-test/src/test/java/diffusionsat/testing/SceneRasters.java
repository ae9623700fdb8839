package diffusionsat.testing;

import diffusionsat.io.raster.Gdal;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.storage.Storage;
import java.nio.file.Path;
import java.util.List;
import java.util.Vector;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconstConstants;

/**
 * Large scenes built from the bundled real Sentinel-2 tile (13 bands, 100 × 101 px): copies laid
 * side by side, every other one mirrored so that neighbours meet at the same pixels (no
 * artificial edges), on the tile's own CRS and pixel size.
 */
public final class SceneRasters {
    public static final Path TILE = Fixtures.projectRoot()
            .resolve("conf/samples/sentinel2/s2_l1c_13band_svn_20150711.tif");

    private SceneRasters() {}

    /**
     * Writes a {@code across × down} mosaic of the tile to {@code file}: an uncompressed tiled
     * GeoTIFF (fast to write and read), band-interleaved so a read of some bands skips the rest.
     */
    public static Path mosaic(Path file, int across, int down) {
        Gdal.ensureRegistered();
        Raster tile = GdalRasters.read("tile", TILE.toString(), Storage.local());
        int w = tile.width();
        int h = tile.height();
        Dataset out = gdal.GetDriverByName("GTiff").Create(file.toString(), w * across,
                h * down, tile.bandCount(), gdalconstConstants.GDT_Float32,
                new String[] {"TILED=YES", "INTERLEAVE=BAND", "BIGTIFF=IF_SAFER"});
        try {
            out.SetGeoTransform(tile.transform().toGdal());
            out.SetProjection(tile.crsWkt());
            for (int b = 0; b < tile.bandCount(); b++) {
                out.GetRasterBand(b + 1).SetDescription(tile.bandNames().get(b));
                for (int row = 0; row < down; row++) {
                    for (int column = 0; column < across; column++) {
                        out.GetRasterBand(b + 1).WriteRaster(column * w, row * h, w, h,
                                mirrored(tile.bands()[b], w, h, column % 2 == 1, row % 2 == 1));
                    }
                }
            }
        } finally {
            out.delete();
        }
        return file;
    }

    /** Copies {@code window} of {@code scene} to a GeoTIFF of its own (gdal_translate -srcwin). */
    public static Path crop(Path scene, RasterWindow window, Path file) {
        Gdal.ensureRegistered();
        Dataset source = gdal.Open(scene.toString());
        try {
            Dataset out = gdal.Translate(file.toString(), source, new TranslateOptions(
                    new Vector<>(List.of("-srcwin", "" + window.x(), "" + window.y(),
                            "" + window.width(), "" + window.height()))));
            out.delete();
        } finally {
            source.delete();
        }
        return file;
    }

    /**
     * A GeoTIFF whose header declares {@code width × height} px of one byte band with no block
     * written (a few hundred bytes on disk).
     */
    public static Path declaring(Path file, int width, int height) {
        Gdal.ensureRegistered();
        Dataset out = gdal.GetDriverByName("GTiff").Create(file.toString(), width, height, 1,
                gdalconstConstants.GDT_Byte, new String[] {"TILED=YES", "SPARSE_OK=TRUE",
                    "BIGTIFF=YES"});
        out.delete();
        return file;
    }

    private static float[] mirrored(float[] plane, int w, int h, boolean flipX, boolean flipY) {
        float[] out = new float[plane.length];
        for (int y = 0; y < h; y++) {
            int sy = flipY ? h - 1 - y : y;
            for (int x = 0; x < w; x++) {
                out[y * w + x] = plane[sy * w + (flipX ? w - 1 - x : x)];
            }
        }
        return out;
    }
}
