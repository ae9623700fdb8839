package diffusionsat.io.raster;

import java.util.List;
import java.util.Locale;
import java.util.Vector;
import org.gdal.gdal.Band;
import org.gdal.gdal.Dataset;
import org.gdal.gdal.Driver;
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
        CUBIC("cubic"),
        /** Mean of the covered input pixels: degradation by an integer factor (Wald's protocol). */
        AVERAGE("average"),
        BILINEAR("bilinear"),
        NEAREST("near");

        private final String gdalName;

        Method(String gdalName) {
            this.gdalName = gdalName;
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
        Gdal.ensureRegistered();
        Driver mem = gdal.GetDriverByName("MEM");
        Dataset source = mem.Create("", width, height, planes.length, gdalconst.GDT_Float32);
        Dataset resized = null;
        try {
            for (int b = 0; b < planes.length; b++) {
                source.GetRasterBand(b + 1).WriteRaster(0, 0, width, height, planes[b]);
            }
            Vector<String> options = new Vector<>(List.of("-of", "MEM", "-ot", "Float32",
                    "-outsize", Integer.toString(newWidth), Integer.toString(newHeight),
                    "-r", method.gdalName));
            resized = gdal.Translate("", source, new TranslateOptions(options));
            if (resized == null) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "GDAL could not resize %dx%d to %dx%d: %s", width, height, newWidth,
                        newHeight, gdal.GetLastErrorMsg()));
            }
            float[][] out = new float[planes.length][newWidth * newHeight];
            for (int b = 0; b < planes.length; b++) {
                Band band = resized.GetRasterBand(b + 1);
                band.ReadRaster(0, 0, newWidth, newHeight, out[b]);
            }
            return out;
        } finally {
            if (resized != null) {
                resized.delete();
            }
            source.delete();
        }
    }
}
