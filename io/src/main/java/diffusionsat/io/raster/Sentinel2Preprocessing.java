package diffusionsat.io.raster;

import diffusionsat.io.TileException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sentinel-2 input preparation for the super-resolution ControlNet, DIFFUSIONSAT.md §3.1 steps
 * 1-5 (upstream {@code SentinelNormalize}, {@code SentinelFlipBGR}, {@code SentinelDropBands} in
 * {@code data_util.py}):
 *
 * <ol>
 *   <li>per band, v = clip((DN − (μ − 2σ)) / ((μ + 2σ) − (μ − 2σ)) × 255, 0, 255), cast to uint8
 *       (truncation), with μ, σ in digital numbers;
 *   <li>v / 255;
 *   <li>and 4. the channels B4, B3, B2 first and B1, B9, B10 dropped, which leaves
 *   <li>10 channels {@link #CONTROLNET_BANDS} in [0, 1], not re-centred.
 * </ol>
 *
 * Bands are found by name (B01..B12, B8A; {@code B1} spellings too), so only the 10 used bands
 * need to be present, in any order. Stored values become digital numbers by the configured
 * {@link Radiometry}. Step 6 (resize of the shorter edge to 256 and centre crop) is {@link
 * ResizeCentreCrop}'s. NaN pixels come out as 0; {@link Raster#missingMask()} tells which pixels
 * were missing. Reference case j checks every step against upstream's code on real crops.
 */
public final class Sentinel2Preprocessing implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The ControlNet's input channels in order (DIFFUSIONSAT.md §3.1 step 5). */
    public static final List<String> CONTROLNET_BANDS = List.of(
            "B04", "B03", "B02", "B05", "B06", "B07", "B08", "B8A", "B11", "B12");

    /** The red, green, blue bands of a Sentinel-2 raster. */
    public static final List<String> SENTINEL2_RGB = List.of("B04", "B03", "B02");

    /** The red, green, blue bands of an 8-bit RGB raster ({@link BandNames#of}). */
    public static final List<String> FILE_RGB = List.of("R", "G", "B");

    // Upstream SentinelNormalize.mean / .std (data_util.py), full precision, in digital numbers,
    // by band. Upstream's 13-band order is B1..B8, B8A, B9..B12 (B10's mean of 14.8 shows it).
    private static final Map<String, double[]> MEAN_STD = Map.ofEntries(
            Map.entry("B01", new double[] {1370.19151926, 633.15169573}),
            Map.entry("B02", new double[] {1184.3824625, 650.2842772}),
            Map.entry("B03", new double[] {1120.77120066, 712.12507725}),
            Map.entry("B04", new double[] {1136.26026392, 965.23119807}),
            Map.entry("B05", new double[] {1263.73947144, 948.9819932}),
            Map.entry("B06", new double[] {1645.40315151, 1108.06650639}),
            Map.entry("B07", new double[] {1846.87040806, 1258.36394548}),
            Map.entry("B08", new double[] {1762.59530783, 1233.1492281}),
            Map.entry("B8A", new double[] {1972.62420416, 1364.38688993}),
            Map.entry("B09", new double[] {582.72633433, 472.37967789}),
            Map.entry("B10", new double[] {14.77112979, 14.3114637}),
            Map.entry("B11", new double[] {1732.16362238, 1310.36996126}),
            Map.entry("B12", new double[] {1247.91870117, 1087.6020813}));

    private final Radiometry radiometry;

    public Sentinel2Preprocessing(Radiometry radiometry) {
        this.radiometry = radiometry;
    }

    /**
     * The 10 ControlNet input planes, {@link #CONTROLNET_BANDS} order, each row-major {@code
     * height × width} in [0, 1]. A {@link TileException} names any missing band.
     */
    public float[][] controlNetChannels(String tileId, Raster raster) {
        return normalised(tileId, raster, CONTROLNET_BANDS);
    }

    /**
     * Red, green and blue planes in [0, 1] for the bicubic baseline: for a Sentinel-2 raster B04,
     * B03, B02 normalised as the ControlNet's first three channels; for an 8-bit RGB raster
     * (bands R, G, B) the values / 255.
     */
    public float[][] rgb(String tileId, Raster raster) {
        if (indexOf(raster, SENTINEL2_RGB.get(0)) < 0 && raster.bandNames().containsAll(FILE_RGB)) {
            float[][] planes = new float[3][];
            for (int c = 0; c < 3; c++) {
                float[] band = raster.band(FILE_RGB.get(c));
                planes[c] = new float[band.length];
                for (int i = 0; i < band.length; i++) {
                    planes[c][i] = Float.isNaN(band[i]) ? 0f : band[i] / 255f;
                }
            }
            return planes;
        }
        return normalised(tileId, raster, SENTINEL2_RGB);
    }

    /**
     * How {@link #rgb} encodes each of its three channels, as the inverse a user needs to put a
     * value v in [0, 1] back into the raster's units: for Sentinel-2 bands {@code digital numbers
     * = (μ − 2σ) + v × 4σ} (upstream's stretch, exact to one uint8 level, clipped values lost),
     * for 8-bit R, G, B {@code value = v × 255}. One line per channel, e.g. {@code B04 digital
     * numbers = -794.20 + value × 3860.92}.
     */
    public List<String> rgbInverse(Raster raster) {
        List<String> out = new ArrayList<>();
        if (indexOf(raster, SENTINEL2_RGB.get(0)) < 0 && raster.bandNames().containsAll(FILE_RGB)) {
            for (String band : FILE_RGB) {
                out.add(band + " = value x 255");
            }
            return out;
        }
        for (String band : SENTINEL2_RGB) {
            double[] meanStd = MEAN_STD.get(band);
            out.add(String.format(java.util.Locale.ROOT, "%s digital numbers = %.2f + value x %.2f"
                    + " (reflectance x 10000; exact to 1/255 of the scale, clipped outside)",
                    band, meanStd[0] - 2 * meanStd[1], 4 * meanStd[1]));
        }
        return out;
    }

    /**
     * Step 1-2 for one stored value of a band (canonical name, e.g. {@code B8A}): the uint8
     * clipping normalisation divided by 255.
     */
    public float normalise(String band, float stored) {
        return uint8(band, stored) / 255f; // ToTensor divides the uint8 image by 255 in float32
    }

    /**
     * Step 1 for one stored value of any of the 13 bands (canonical name): upstream's {@code
     * SentinelNormalize} value 0..255; NaN gives 0.
     */
    public int uint8(String band, float stored) {
        double[] meanStd = MEAN_STD.get(band);
        if (meanStd == null) {
            throw new IllegalArgumentException("not a Sentinel-2 band: " + band);
        }
        if (Float.isNaN(stored)) {
            return 0;
        }
        // Computed in double as numpy does with upstream's float64 table.
        double min = meanStd[0] - 2 * meanStd[1];
        double max = meanStd[0] + 2 * meanStd[1];
        double scaled = (radiometry.toDigitalNumber(stored) - min) / (max - min) * 255.0;
        return (int) Math.max(0.0, Math.min(255.0, scaled)); // astype(uint8) truncates
    }

    private float[][] normalised(String tileId, Raster raster, List<String> bands) {
        int[] indices = new int[bands.size()];
        List<String> missing = new ArrayList<>();
        for (int c = 0; c < bands.size(); c++) {
            indices[c] = indexOf(raster, bands.get(c));
            if (indices[c] < 0) {
                missing.add(bands.get(c));
            }
        }
        if (!missing.isEmpty()) {
            throw new TileException(tileId, "missing Sentinel-2 bands " + missing
                    + " (the raster has " + raster.bandNames() + ")");
        }
        float[][] planes = new float[bands.size()][];
        for (int c = 0; c < bands.size(); c++) {
            float[] band = raster.bands()[indices[c]];
            float[] plane = new float[band.length];
            for (int i = 0; i < band.length; i++) {
                plane[i] = normalise(bands.get(c), band[i]);
            }
            planes[c] = plane;
        }
        return planes;
    }

    private static int indexOf(Raster raster, String canonicalBand) {
        List<String> names = raster.bandNames();
        for (int b = 0; b < names.size(); b++) {
            if (BandNames.sentinel2Band(names.get(b)).filter(canonicalBand::equals)
                    .isPresent()) {
                return b;
            }
        }
        return -1;
    }
}
