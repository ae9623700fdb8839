package diffusionsat.superres;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Resampling;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.sampling.SatelliteMetadata;
import java.util.Arrays;

/**
 * A tile's channels as a resolver wants them, with the tile's nodata mask: nodata and NaN pixels
 * are filled with 0 for the model and masked back to NaN in the output.
 */
final class TileChannels {
    private final String tileId;
    private final int width;
    private final int height;
    private final float[][] planes;
    private final boolean[] nodata;
    private final PixelGrid grid;

    private TileChannels(String tileId, int width, int height, float[][] planes, boolean[] nodata,
            PixelGrid grid) {
        this.tileId = tileId;
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.nodata = nodata;
        this.grid = grid;
    }

    static TileChannels of(String tileId, Raster raster, SuperResolver.InputChannels kind,
            Radiometry radiometry, double maxNoDataFraction) {
        boolean[] nodata = raster.missingMask();
        int missing = 0;
        for (boolean n : nodata) {
            missing += n ? 1 : 0;
        }
        double fraction = missing / (double) nodata.length;
        if (fraction > maxNoDataFraction) {
            throw new TileException(tileId, String.format(java.util.Locale.ROOT,
                    "%.1f%% of the pixels are nodata or NaN (limit %.1f%%)", 100 * fraction,
                    100 * maxNoDataFraction));
        }
        float[][] planes = switch (kind) {
            case RGB -> new Sentinel2Preprocessing(radiometry).rgb(tileId, raster);
            case SENTINEL2_10 -> new Sentinel2Preprocessing(radiometry).controlNetChannels(tileId, raster);
        };
        for (float[] plane : planes) {
            for (int i = 0; i < plane.length; i++) {
                if (nodata[i] || Float.isNaN(plane[i])) {
                    plane[i] = 0f;
                }
            }
        }
        return new TileChannels(tileId, raster.width(), raster.height(), planes, nodata,
                PixelGrid.of(raster));
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The resolver's input; {@code metadata} (GSD of these pixels) may be null. */
    SuperResolutionInput input(long seed, SatelliteMetadata metadata) {
        return new SuperResolutionInput(tileId, width, height, planes, metadata, seed, grid, 1);
    }

    /** Sets output pixels to NaN (the output nodata) where their input pixel was nodata. */
    void maskOutput(float[][] rgb, int scale) {
        int outWidth = width * scale;
        for (int i = 0; i < nodata.length; i++) {
            if (!nodata[i]) {
                continue;
            }
            int y0 = (i / width) * scale;
            int x0 = (i % width) * scale;
            for (float[] plane : rgb) {
                for (int dy = 0; dy < scale; dy++) {
                    Arrays.fill(plane, (y0 + dy) * outWidth + x0, (y0 + dy) * outWidth + x0 + scale,
                            Float.NaN);
                }
            }
        }
    }

    /** The first three channels (R, G, B in both channel layouts), cropped to the top-left. */
    float[][] rgbCropped(int cropWidth, int cropHeight) {
        return crop(Arrays.copyOf(planes, 3), cropWidth, cropHeight);
    }

    /**
     * The resolver's input degraded by the scale (pixel averages), for Wald's protocol; its
     * pixels, metadata GSD (metadata may be null) and grid are {@code scale} times coarser.
     */
    SuperResolutionInput degraded(int scale, long seed, SatelliteMetadata metadata) {
        int outWidth = width / scale;
        int outHeight = height / scale;
        float[][] cropped = crop(planes, outWidth * scale, outHeight * scale);
        float[][] degraded = Resampling.resize(cropped, outWidth * scale, outHeight * scale,
                outWidth, outHeight, Resampling.Method.AVERAGE);
        SatelliteMetadata coarser = metadata == null ? null : new SatelliteMetadata(
                metadata.lon(), metadata.lat(), metadata.gsd() * scale,
                metadata.cloudCoverPercent(), metadata.date());
        PixelGrid coarserGrid = grid.window(0, 0, outWidth * scale, outHeight * scale)
                .resized(outWidth, outHeight);
        return new SuperResolutionInput(tileId, outWidth, outHeight, degraded, coarser, seed,
                coarserGrid, scale);
    }

    private float[][] crop(float[][] source, int cropWidth, int cropHeight) {
        float[][] out = new float[source.length][cropWidth * cropHeight];
        for (int c = 0; c < source.length; c++) {
            for (int y = 0; y < cropHeight; y++) {
                System.arraycopy(source[c], y * width, out[c], y * cropWidth, cropWidth);
            }
        }
        return out;
    }
}
