package diffusionsat.io.raster;

import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.TranslateOptions;
import org.gdal.gdal.gdal;
import org.gdal.gdalconst.gdalconst;

/**
 * Resizes float planes with GDAL's resampling kernels (in-memory datasets, {@code gdal.Translate
 * -outsize}), so the baseline and Wald's degradation use a well-kept implementation.
 */
public final class Resampling {

    /** GDAL resampling methods used by the project. */
    public enum Method {
        /** Cubic convolution (a = -0.5): the bicubic baseline. */
        CUBIC("cubic", "CUBIC"),
        /** Mean of the covered input pixels: degradation by an integer factor (Wald's protocol). */
        AVERAGE("average", "AVERAGE"),
        /**
         * Bilinear; when shrinking, GDAL widens the triangle filter by the factor (antialiased,
         * as torch's {@code antialias=True}: {@link AntialiasedBilinear}).
         */
        BILINEAR("bilinear", "BILINEAR"),
        NEAREST("near", "NEAREST");

        private final String gdalName;
        private final String rasterIoName;

        Method(String gdalName, String rasterIoName) {
            this.gdalName = gdalName;
            this.rasterIoName = rasterIoName;
        }

        /** The name GDAL's {@code GDAL_RASTERIO_RESAMPLING} option takes. */
        String rasterIoName() {
            return rasterIoName;
        }
    }

    private Resampling() {}

    /**
     * Resizes each plane from width×height to newWidth×newHeight.
     *
     * @param planes row-major planes of equal size
     * @return new planes, row-major
     */
    public static float[][] resize(float[][] planes, int width, int height, int newWidth,
            int newHeight, Method method) {
        String raster = String.format(Locale.ROOT, "an in-memory %dx%d raster resized to %dx%d",
                width, height, newWidth, newHeight);
        if (width < 1 || height < 1 || newWidth < 1 || newHeight < 1) {
            throw new IllegalArgumentException("cannot resize " + raster + ": sizes must be"
                    + " positive");
        }
        Gdal.ensureRegistered();
        Dataset source = null;
        Dataset resized = null;
        String call = "Create";
        try {
            source = gdal.GetDriverByName("MEM").Create("", width, height, planes.length,
                    gdalconst.GDT_Float32);
            require(source != null, call, raster);
            call = "WriteRaster";
            for (int b = 0; b < planes.length; b++) {
                require(source.GetRasterBand(b + 1).WriteRaster(0, 0, width, height, planes[b])
                        == gdalconst.CE_None, call, raster);
            }
            call = "Translate";
            Vector<String> options = new Vector<>(List.of("-of", "MEM", "-ot", "Float32",
                    "-outsize", Integer.toString(newWidth), Integer.toString(newHeight),
                    "-r", method.gdalName));
            resized = gdal.Translate("", source, new TranslateOptions(options));
            require(resized != null, call, raster);
            call = "ReadRaster";
            float[][] out = new float[planes.length][newWidth * newHeight];
            for (int b = 0; b < planes.length; b++) {
                Band band = resized.GetRasterBand(b + 1);
                require(band.ReadRaster(0, 0, newWidth, newHeight, out[b]) == gdalconst.CE_None,
                        call, raster);
            }
            return out;
        } catch (GdalCallException e) {
            throw e;
        } catch (RuntimeException e) {             // GDAL's exceptions (UseExceptions)
            throw new GdalCallException(call, raster, Gdal.messageOf(e, "no message"), e);
        } finally {
            if (resized != null) {
                resized.delete();
            }
            if (source != null) {
                source.delete();
            }
        }
    }

    private static void require(boolean succeeded, String call, String raster) {
        if (!succeeded) {
            throw new GdalCallException(call, raster, Gdal.lastError("no message"), null);
        }
    }
}
