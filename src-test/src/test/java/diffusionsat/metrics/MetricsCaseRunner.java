package diffusionsat.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import diffusionsat.testing.CaseRunner;
import diffusionsat.testing.Npy;
import diffusionsat.testing.ReferenceCase;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.function.Executable;

/**
 * Parity of the metrics with the upstream library values of a reference case holding metric
 * values (MANIFEST.md case i), run by {@code ReferenceParityTest}.
 *
 * <p>Tolerances are MANIFEST.md case i's: SSIM abs 1e-6 against the float64-input values and
 * 2e-6 against the float32-input ones (skimage 0.19 stays in float32, we work in float64), PSNR
 * abs 1e-5, MSE rel 1e-6, Fréchet distance rel 1e-6, IS mean/std rel 1e-8.
 */
public final class MetricsCaseRunner implements CaseRunner {
    private static final double SSIM_F64_ABS = 1e-6;
    private static final double SSIM_F32_ABS = 2e-6;
    private static final double PSNR_ABS = 1e-5;
    private static final double MSE_REL = 1e-6;
    private static final double FID_REL = 1e-6;
    private static final double IS_REL = 1e-8;
    /**
     * FID mean and covariance against numpy's float64 mean/np.cov of the same features: both are
     * float64 sums of 200 terms, so they agree to rounding (MANIFEST.md gives no number for these
     * intermediates; this bound is ~1e3 ulp of the largest entry).
     */
    private static final double MOMENTS_REL = 1e-12;
    private static final int IS_SPLITS = 10;

    @Override
    public boolean handles(ReferenceCase referenceCase) {
        return new MetricsCase(referenceCase.dir(), referenceCase.description()).isMetrics();
    }

    @Override
    public void run(ReferenceCase referenceCase) throws IOException {
        MetricsCase c = new MetricsCase(referenceCase.dir(), referenceCase.description());
        Map<String, String> errors = new TreeMap<>();
        List<Executable> checks = new ArrayList<>();
        for (String key : c.valueKeys()) {
            checks.add(check(c, key, errors));
        }
        checks.addAll(momentChecks(c, errors));
        checks.add(isSplitCheck(c, errors));
        System.out.printf("PARITY %s: %s%n", referenceCase.name(), errors);
        assertAll(checks);
    }

    /** The check of one scalar of values.json; a key without a check fails the case. */
    private static Executable check(MetricsCase c, String key, Map<String, String> errors)
            throws IOException {
        double expected = c.value(key);
        return switch (key) {
            case "mse" -> rel(key, expected, Mse.of(imageA(c), imageB(c)), MSE_REL, errors);
            case "psnr" -> abs(key, expected, Psnr.of(imageA(c), imageB(c)), PSNR_ABS, errors);
            case "ssim_default" -> abs(key, expected, ssim(SsimSettings.skimageDefault(), c),
                    SSIM_F32_ABS, errors);
            case "ssim_default_f64" -> abs(key, expected, ssim(SsimSettings.skimageDefault(), c),
                    SSIM_F64_ABS, errors);
            case "ssim_gaussian" -> abs(key, expected, ssim(SsimSettings.protocol(), c),
                    SSIM_F32_ABS, errors);
            case "ssim_gaussian_f64" -> abs(key, expected, ssim(SsimSettings.protocol(), c),
                    SSIM_F64_ABS, errors);
            case "ssim_default_gray_channel0" -> {
                HwcImage a = imageA(c);
                double actual = new Ssim(SsimSettings.skimageDefault())
                        .ofPlane(a.plane(0), imageB(c).plane(0), a.height(), a.width());
                yield abs(key, expected, actual, SSIM_F32_ABS, errors);
            }
            case "frechet_distance" -> rel(key, expected, FrechetDistance.between(
                    c.moments("fid_features_1").toStatistics(),
                    c.moments("fid_features_2").toStatistics()), FID_REL, errors);
            case "inception_score_mean" -> rel(key, expected, inceptionScore(c).mean(), IS_REL,
                    errors);
            case "inception_score_std" -> rel(key, expected, inceptionScore(c).std(), IS_REL,
                    errors);
            default -> () -> assertFalse(true, "no check for value " + key + " of " + c.folder());
        };
    }

    /** Our mean/covariance against the stored ones, and FID from the stored statistics. */
    private static List<Executable> momentChecks(MetricsCase c, Map<String, String> errors)
            throws IOException {
        List<Executable> checks = new ArrayList<>();
        GaussianStatistics[] stored = new GaussianStatistics[2];
        for (int set = 1; set <= 2; set++) {
            GaussianStatistics ours = c.moments("fid_features_" + set).toStatistics();
            Npy sigma = c.array("fid_sigma" + set);
            stored[set - 1] = new GaussianStatistics(c.array("fid_mu" + set).doubles(),
                    square(sigma.doubles(), (int) sigma.shape()[0]));
            checks.add(arrayRel("fid_mu" + set, stored[set - 1].mean(), ours.mean(), errors));
            checks.add(arrayRel("fid_sigma" + set, flat(stored[set - 1].covariance()),
                    flat(ours.covariance()), errors));
        }
        checks.add(rel("frechet_distance(stored statistics)", c.value("frechet_distance"),
                FrechetDistance.between(stored[0], stored[1]), FID_REL, errors));
        return checks;
    }

    private static Executable isSplitCheck(MetricsCase c, Map<String, String> errors)
            throws IOException {
        double[] expected = c.array("is_split_scores").doubles();
        double[] actual = inceptionScore(c).splitScores();
        double worst = 0.0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.abs(expected[i]));
        }
        errors.put("is_split_scores (max rel)", String.valueOf(worst));
        double measured = worst;
        return () -> assertAll(() -> assertEquals(expected.length, actual.length),
                () -> assertTrue(measured <= IS_REL, "is_split_scores rel error " + measured));
    }

    private static HwcImage imageA(MetricsCase c) throws IOException {
        return c.image("image_a_hwc");
    }

    private static HwcImage imageB(MetricsCase c) throws IOException {
        return c.image("image_b_hwc");
    }

    private static double ssim(SsimSettings settings, MetricsCase c) throws IOException {
        return new Ssim(settings).of(imageA(c), imageB(c));
    }

    private static InceptionScore.Result inceptionScore(MetricsCase c) throws IOException {
        // One row per image, as the evaluate job collects them.
        Npy logits = c.array("is_logits");
        int classes = (int) logits.shape()[1];
        float[] flat = logits.floats();
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < flat.length; i += classes) {
            rows.add(Arrays.copyOfRange(flat, i, i + classes));
        }
        return InceptionScore.fromLogitRows(rows, IS_SPLITS);
    }

    private static Executable abs(String key, double expected, double actual, double tol,
            Map<String, String> errors) {
        errors.put(key + " (abs)", String.valueOf(Math.abs(actual - expected)));
        return () -> assertEquals(expected, actual, tol, key);
    }

    private static Executable rel(String key, double expected, double actual, double tol,
            Map<String, String> errors) {
        double relative = Math.abs(actual - expected) / Math.abs(expected);
        errors.put(key + " (rel)", String.valueOf(relative));
        return () -> assertEquals(expected, actual, tol * Math.abs(expected), key);
    }

    /** Max abs difference relative to the largest expected magnitude. */
    private static Executable arrayRel(String key, double[] expected, double[] actual,
            Map<String, String> errors) {
        double scale = 0.0;
        double worst = 0.0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
        }
        double relative = worst / scale;
        errors.put(key + " (max abs / max |expected|)", String.valueOf(relative));
        return () -> assertAll(() -> assertEquals(expected.length, actual.length, key),
                () -> assertTrue(relative <= MOMENTS_REL, key + " rel error " + relative));
    }

    private static double[][] square(double[] flat, int n) {
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * n, m[i], 0, n);
        }
        return m;
    }

    private static double[] flat(double[][] m) {
        return Stream.of(m).flatMapToDouble(Arrays::stream).toArray();
    }
}
