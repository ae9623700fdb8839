package diffusionsat.evaluation;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.RadiometryCheck;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterHeader;
import diffusionsat.io.raster.RasterReader;
import diffusionsat.io.raster.RasterWindow;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.BicubicSuperResolver;
import diffusionsat.superres.ImageComparison;
import diffusionsat.superres.SuperResolutionInput;
import diffusionsat.superres.TileMetrics;
import diffusionsat.superres.WindowedComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Scores one tile without Spark (DESIGN.md §7): the job's output and, optionally, the bicubic
 * baseline computed from the same input, each against the target (MSE, PSNR, SSIM, and LPIPS
 * where {@link EvaluationSettings#lpipsWeights()} is set), against the input (consistency) and by
 * the configured networks ({@link NetworkMetrics}: Inception features, CLIP score).
 * LPIPS sees the same pixels as MSE: the target on the output grid, the output's missing pixels
 * taken from it.
 *
 * <p>Rules for bad input: a missing or unreadable target skips the metrics that need one, with
 * the reason; a target of another size is resampled onto the output grid (pixel averages when
 * larger, cubic convolution when smaller; the row says so) unless the aspect ratios differ by
 * more than {@link EvaluationSettings#maxAspectDifference()}, which fails the tile; an unreadable
 * output or input fails the tile ({@link TileException}).
 *
 * <p>An output of more than {@link EvaluationSettings#windowedAbovePixels()} pixels is never
 * held whole: MSE, PSNR and SSIM against a target of its size are accumulated strip by strip
 * ({@link WindowedComparison}, equal to the whole-image values to float rounding); what needs
 * the whole image (LPIPS, consistency, the baseline, network metrics, a resampled target) is
 * left out, and the row says so.
 */
public final class TileEvaluator {
    private static final String BICUBIC = "bicubic";
    /**
     * Pixels of one strip of a windowed comparison at most (with 13 target bands: ~100 MB in
     * all); never more than {@link EvaluationSettings#windowedAbovePixels()}.
     */
    private static final long STRIP_PIXELS = 1L << 20;

    private final EvaluationSettings settings;
    private final Storage storage;
    private final NetworkMetrics network;
    /** Loaded on first use: readers of the tiles (report samples) never need the network. */
    private LpipsMetric lpips;

    public TileEvaluator(EvaluationSettings settings, Storage storage) {
        this.settings = settings;
        this.storage = storage;
        this.network = new NetworkMetrics(settings, storage);
    }

    /**
     * The metrics of the tile's output, then of the baseline where configured, each with its
     * network metrics; and the target's Inception features for FID.
     */
    public TileEvaluation evaluate(EvaluationTile tile) {
        RasterHeader header = outputHeader(tile);
        if (header.pixels() > settings.windowedAbovePixels()) {
            return evaluateWindowed(tile, header);
        }
        RgbImage output = readOutput(tile);
        RgbImage input = readInput(tile);
        TargetLookup target = readTarget(tile);
        if (target instanceof TargetLookup.Found found) {
            requireSameShape(tile, output, found.image());
        }
        List<RoleMetrics> roles = new ArrayList<>(2);
        roles.add(withNetworkMetrics(score(RoleMetrics.MODEL, tile.model(), output, input,
                target), output, tile));
        if (settings.baseline()) {
            Optional<RgbImage> upsampled = baselineImage(tile, output, input);
            roles.add(upsampled.isEmpty() ? notUpsampled(output, input)
                    : withNetworkMetrics(score(RoleMetrics.BASELINE, BICUBIC, upsampled.get(),
                            input, target), upsampled.get(), tile));
        }
        InceptionFeatures targetFeatures = target instanceof TargetLookup.Found found
                ? network.inception(found.image()) : null;
        return new TileEvaluation(roles, targetFeatures);
    }

    /** The job's output: bands R, G, B in [0, 1], NaN where missing. */
    public RgbImage readOutput(EvaluationTile tile) {
        Raster raster = GdalRasters.read(tile.id(), tile.outputUri(), storage);
        requireRgb(tile, raster.bandCount());
        return new RgbImage(raster.width(), raster.height(), raster.bands());
    }

    private RasterHeader outputHeader(EvaluationTile tile) {
        try (RasterReader reader = RasterReader.open(tile.id(), tile.outputUri(), storage)) {
            return reader.header();
        }
    }

    private void requireRgb(EvaluationTile tile, int bands) {
        if (bands != 3) {
            throw new TileException(tile.id(), "output " + tile.outputUri() + " has "
                    + bands + " bands, expected R, G, B");
        }
    }

    /** A large output's metrics, window by window (see the class comment). */
    private TileEvaluation evaluateWindowed(EvaluationTile tile, RasterHeader output) {
        requireRgb(tile, output.bandNames().size());
        requireInput(tile);
        String wholeOnly = String.format(Locale.ROOT, "output %dx%d has more than"
                + " evaluate.windowedAbovePixels (%d) pixels: scored window by window",
                output.width(), output.height(), settings.windowedAbovePixels());
        String rest = "lpips, consistency, network metrics: " + wholeOnly;
        List<RoleMetrics> roles = new ArrayList<>(2);
        String missing = targetMissing(tile);
        TileMetrics m = missing == null ? windowedTarget(tile, output) : null;
        if (m == null || m.skipped() != null) {
            Double fraction = m == null || Double.isNaN(m.validFraction()) ? null
                    : m.validFraction(); // NaN: no pixel was compared
            roles.add(RoleMetrics.compared(RoleMetrics.MODEL, tile.model(), null, null, null,
                    null, null, null, fraction, "mse, psnr, ssim: "
                            + (m == null ? missing : m.skipped()) + "; " + rest));
        } else {
            roles.add(RoleMetrics.compared(RoleMetrics.MODEL, tile.model(), m.mse(), m.psnr(),
                    m.ssim(), null, null, false, m.validFraction(), rest));
        }
        if (settings.baseline()) {
            roles.add(RoleMetrics.compared(RoleMetrics.BASELINE, BICUBIC, null, null, null, null,
                    null, null, null, "baseline: " + wholeOnly));
        }
        return new TileEvaluation(roles, null);
    }

    /**
     * MSE, PSNR and SSIM strip by strip against the tile's target; skipped (with the reason)
     * when the target is unreadable or not of the output's size.
     */
    private TileMetrics windowedTarget(EvaluationTile tile, RasterHeader output) {
        Sentinel2Preprocessing rgb = new Sentinel2Preprocessing(radiometry(tile.id(),
                tile.targetRadiometry()));
        RasterReader target;
        try {
            target = RasterReader.open(tile.id(), tile.targetUri(), storage);
        } catch (TileException e) {
            return unreadableTarget(e);
        }
        try (RasterReader out = RasterReader.open(tile.id(), tile.outputUri(), storage);
                target) {
            RasterHeader t = target.header();
            if (t.width() != output.width() || t.height() != output.height()) {
                return skippedTarget(true, String.format(Locale.ROOT, "target %dx%d is not the"
                        + " output's size, and a windowed comparison does not resample",
                        t.width(), t.height()));
            }
            int width = output.width();
            return new WindowedComparison(settings.comparison(),
                    Math.min(STRIP_PIXELS, settings.windowedAbovePixels())).compare("target",
                    (y0, y1) -> out.read(new RasterWindow(0, y0, width, y1 - y0),
                            output.bandNames()).bands(),
                    (y0, y1) -> {
                        try {
                            Raster strip = target.read(new RasterWindow(0, y0, width, y1 - y0),
                                    t.bandNames());
                            return RgbImage.of(strip, rgb.rgb(tile.id(), strip)).planes();
                        } catch (TileException e) {
                            throw new UnreadableTarget(e);
                        }
                    }, width, output.height());
        } catch (UnreadableTarget e) {
            return unreadableTarget(e.cause);
        }
    }

    /** A target's data problem skips the target's metrics; the output's fails the tile. */
    private static TileMetrics unreadableTarget(TileException e) {
        return skippedTarget(false, "target unreadable: " + e.getMessage());
    }

    private static TileMetrics skippedTarget(boolean resampled, String reason) {
        return new TileMetrics("target", null, null, null, resampled, Double.NaN, reason);
    }

    /** Carries a target strip's read failure out of the comparison. */
    private static final class UnreadableTarget extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient TileException cause;

        UnreadableTarget(TileException cause) {
            super(cause);
            this.cause = cause;
        }
    }

    /**
     * The catalogue's input as RGB in [0, 1] (as the baseline reads it), NaN where missing, read
     * with the tile's radiometry; values implausible for it fail the tile ({@link
     * RadiometryCheck}, naming where the radiometry came from).
     */
    public RgbImage readInput(EvaluationTile tile) {
        requireInput(tile);
        Raster raster = GdalRasters.read(tile.id(), tile.inputUri(), storage);
        Radiometry radiometry = radiometry(tile.id(), tile.inputRadiometry());
        RadiometryCheck.require(tile.id(), raster, radiometry, tile.inputRadiometry() == null
                ? "io.radiometry" : "the catalogue's radiometry column");
        return RgbImage.of(raster, new Sentinel2Preprocessing(radiometry).rgb(tile.id(), raster));
    }

    private static void requireInput(EvaluationTile tile) {
        if (tile.inputUri() == null) {
            throw new TileException(tile.id(), "not in the catalogue (no input raster)");
        }
    }

    /** The radiometry of a catalogue value ({@code io.radiometry} where there is none). */
    private Radiometry radiometry(String tileId, String key) {
        if (key == null || key.isBlank()) {
            return settings.radiometry();
        }
        try {
            return Radiometry.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw new TileException(tileId, "catalogue column radiometry: " + e.getMessage());
        }
    }

    /** The target as RGB in [0, 1], or why there is none. */
    public TargetLookup readTarget(EvaluationTile tile) {
        String missing = targetMissing(tile);
        if (missing != null) {
            return new TargetLookup.Missing(missing);
        }
        try {
            Raster raster = GdalRasters.read(tile.id(), tile.targetUri(), storage);
            float[][] rgb = new Sentinel2Preprocessing(radiometry(tile.id(),
                    tile.targetRadiometry())).rgb(tile.id(), raster);
            return new TargetLookup.Found(RgbImage.of(raster, rgb));
        } catch (TileException e) {
            // A data problem; a failing store (StorageException) fails the task instead.
            return new TargetLookup.Missing("target unreadable: " + e.getMessage());
        }
    }

    /** Why the tile has no target to read, or null when it has one. */
    private String targetMissing(EvaluationTile tile) {
        if (tile.targetUri() == null) {
            return "no target_href in the catalogue";
        }
        if (!storage.exists(tile.targetUri())) {
            return "target " + tile.targetUri() + " does not exist";
        }
        return null;
    }

    private RoleMetrics score(String role, String model, RgbImage output, RgbImage input,
            TargetLookup target) {
        Double consistency = ConsistencyScore.psnr(output, input, settings.comparison());
        if (target instanceof TargetLookup.Found found) {
            RgbImage reference = found.image();
            TileMetrics m = settings.comparison().compare("target", output.planes(),
                    output.width(), output.height(), reference.planes(), reference.width(),
                    reference.height());
            if (!settings.hasLpips() || m.skipped() != null) {
                return RoleMetrics.compared(role, model, m.mse(), m.psnr(), m.ssim(), null,
                        consistency, m.referenceResampled(), m.validFraction(),
                        m.skipped() == null ? null : "mse, psnr, ssim, lpips: " + m.skipped());
            }
            if (output.width() < LpipsMetric.MIN_SIZE || output.height() < LpipsMetric.MIN_SIZE) {
                return RoleMetrics.compared(role, model, m.mse(), m.psnr(), m.ssim(), null,
                        consistency, m.referenceResampled(), m.validFraction(),
                        "lpips: output smaller than "
                                + LpipsMetric.MIN_SIZE + " pixels");
            }
            return RoleMetrics.compared(role, model, m.mse(), m.psnr(), m.ssim(),
                    lpips(output, reference), consistency, m.referenceResampled(),
                    m.validFraction(), null);
        }
        String reason = ((TargetLookup.Missing) target).reason();
        return RoleMetrics.compared(role, model, null, null, null, null, consistency, null,
                null, "mse, psnr, ssim: " + reason);
    }

    private double lpips(RgbImage output, RgbImage reference) {
        if (lpips == null) {
            lpips = LpipsMetric.forWeights(settings.lpipsWeights(), storage);
        }
        float[][] ref = ImageComparison.onOutputGrid(reference.filledPlanes(), reference.width(),
                reference.height(), output.width(), output.height());
        return lpips.distance(ImageComparison.filledFrom(output.planes(), ref), ref,
                output.width(), output.height());
    }

    private RoleMetrics withNetworkMetrics(RoleMetrics metrics, RgbImage image,
            EvaluationTile tile) {
        return metrics.withNetworkMetrics(network.inception(image),
                network.clipScore(image, tile.caption()), network.clipSkipReason(tile.caption()));
    }

    /**
     * The bicubic baseline at the output's size, with the output's missing pixels, so that both
     * are scored on the same pixels; empty where the output is no integer multiple of the input.
     */
    private static Optional<RgbImage> baselineImage(EvaluationTile tile, RgbImage output,
            RgbImage input) {
        int scale = output.width() / input.width();
        if (scale < 1 || output.width() != input.width() * scale
                || output.height() != input.height() * scale) {
            return Optional.empty();
        }
        float[][] planes = new BicubicSuperResolver().superResolve(new SuperResolutionInput(
                tile.id(), input.width(), input.height(), input.filledPlanes(), null, 0L), scale);
        return Optional.of(new RgbImage(output.width(), output.height(), planes)
                .maskedLike(output));
    }

    private static RoleMetrics notUpsampled(RgbImage output, RgbImage input) {
        return RoleMetrics.compared(RoleMetrics.BASELINE, BICUBIC, null, null, null, null, null,
                null, null, String.format(Locale.ROOT, "output %dx%d is not an integer multiple of the"
                        + " input %dx%d", output.width(), output.height(), input.width(),
                        input.height()));
    }

    private void requireSameShape(EvaluationTile tile, RgbImage output, RgbImage target) {
        double outputAspect = output.width() / (double) output.height();
        double targetAspect = target.width() / (double) target.height();
        if (Math.abs(outputAspect / targetAspect - 1) > settings.maxAspectDifference()) {
            throw new TileException(tile.id(), String.format(Locale.ROOT,
                    "output %dx%d and target %dx%d differ in aspect ratio by more than %.1f%%",
                    output.width(), output.height(), target.width(), target.height(),
                    100 * settings.maxAspectDifference()));
        }
    }
}
