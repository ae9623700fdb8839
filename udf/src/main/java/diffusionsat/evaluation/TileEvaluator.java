package diffusionsat.evaluation;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.raster.RadiometryCheck;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.Sentinel2Preprocessing;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.BicubicSuperResolver;
import diffusionsat.superres.ImageComparison;
import diffusionsat.superres.SuperResolutionInput;
import diffusionsat.superres.TileMetrics;
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
 */
public final class TileEvaluator {
    private static final String BICUBIC = "bicubic";

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
        if (raster.bandCount() != 3) {
            throw new TileException(tile.id(), "output " + tile.outputUri() + " has "
                    + raster.bandCount() + " bands, expected R, G, B");
        }
        return new RgbImage(raster.width(), raster.height(), raster.bands());
    }

    /**
     * The catalogue's input as RGB in [0, 1] (as the baseline reads it), NaN where missing, read
     * with the tile's radiometry; values implausible for it fail the tile ({@link
     * RadiometryCheck}, naming where the radiometry came from).
     */
    public RgbImage readInput(EvaluationTile tile) {
        if (tile.inputUri() == null) {
            throw new TileException(tile.id(), "not in the catalogue (no input raster)");
        }
        Raster raster = GdalRasters.read(tile.id(), tile.inputUri(), storage);
        Radiometry radiometry = radiometry(tile.id(), tile.inputRadiometry());
        RadiometryCheck.require(tile.id(), raster, radiometry, tile.inputRadiometry() == null
                ? "io.radiometry" : "the catalogue's radiometry column");
        return RgbImage.of(raster, new Sentinel2Preprocessing(radiometry).rgb(tile.id(), raster));
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
        if (tile.targetUri() == null) {
            return new TargetLookup.Missing("no target_href in the catalogue");
        }
        if (!storage.exists(tile.targetUri())) {
            return new TargetLookup.Missing("target " + tile.targetUri() + " does not exist");
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
