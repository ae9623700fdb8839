package diffusionsat.metrics;

import java.util.List;

/**
 * Inception Score (Salimans et al. 2016) as the reference formula of case i computes it: class
 * probabilities p(y|x) (softmax of the logits, float64), N images cut into {@code splits} equal
 * consecutive parts of N / splits images (a remainder is left out, as in the original code), per
 * part exp(mean over its images of KL(p(y|x) || p(y))) with p(y) the part's mean probability, and
 * finally the mean and population standard deviation (ddof 0) of the part scores.
 */
public final class InceptionScore {
    /**
     * @param mean mean of the split scores
     * @param std population standard deviation of the split scores
     * @param splitScores the score of each split, in order
     */
    public record Result(double mean, double std, double[] splitScores) {}

    private InceptionScore() {}

    /**
     * IS from one logit vector per image, all of one length.
     *
     * @param logits one row per image, in split order
     * @param splits number of parts (10 in the protocol)
     */
    public static Result fromLogitRows(List<float[]> logits, int splits) {
        if (logits.isEmpty()) {
            throw new IllegalArgumentException("no logits");
        }
        int classes = logits.get(0).length;
        float[] flat = new float[logits.size() * classes];
        for (int i = 0; i < logits.size(); i++) {
            if (logits.get(i).length != classes) {
                throw new IllegalArgumentException("logit row " + i + " has "
                        + logits.get(i).length + " values, row 0 has " + classes);
            }
            System.arraycopy(logits.get(i), 0, flat, i * classes, classes);
        }
        return fromLogits(flat, classes, splits);
    }

    /**
     * IS from classifier logits.
     *
     * @param logits N x classes values, row-major (one image per row)
     * @param classes number of classes
     * @param splits number of parts (10 in the protocol)
     * @return mean, std and per-split scores
     */
    public static Result fromLogits(float[] logits, int classes, int splits) {
        requireRows(logits.length, classes);
        double[] probabilities = new double[logits.length];
        for (int row = 0; row < logits.length / classes; row++) {
            int base = row * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[base + k]);
            }
            double total = 0.0;
            for (int k = 0; k < classes; k++) {
                // Shifting by the max keeps exp from overflowing; softmax is unchanged by it.
                probabilities[base + k] = Math.exp((double) logits[base + k] - max);
                total += probabilities[base + k];
            }
            for (int k = 0; k < classes; k++) {
                probabilities[base + k] /= total;
            }
        }
        return fromProbabilities(probabilities, classes, splits);
    }

    /**
     * IS from class probabilities (each row is normalised again, as scipy.stats.entropy does).
     *
     * @param probabilities N x classes values, row-major
     * @param classes number of classes
     * @param splits number of parts
     * @return mean, std and per-split scores
     */
    public static Result fromProbabilities(double[] probabilities, int classes, int splits) {
        int images = requireRows(probabilities.length, classes);
        if (splits < 1 || images < splits) {
            throw new IllegalArgumentException(
                    "need 1 <= splits <= images, got " + splits + " splits for " + images);
        }
        int perSplit = images / splits;
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            scores[s] = splitScore(probabilities, classes, s * perSplit, perSplit);
        }
        return summary(scores);
    }

    /** The mean and population standard deviation of split scores. */
    static Result summary(double[] scores) {
        double mean = 0.0;
        for (double score : scores) {
            mean += score;
        }
        mean /= scores.length;
        double variance = 0.0;
        for (double score : scores) {
            variance += (score - mean) * (score - mean);
        }
        return new Result(mean, Math.sqrt(variance / scores.length), scores);
    }

    /** exp(mean_i KL(p_i || p̄)) over rows [first, first + rows). */
    private static double splitScore(double[] p, int classes, int first, int rows) {
        double[] marginal = new double[classes];
        for (int r = first; r < first + rows; r++) {
            for (int k = 0; k < classes; k++) {
                marginal[k] += p[r * classes + k];
            }
        }
        normalise(marginal);
        double[] row = new double[classes];
        double klSum = 0.0;
        for (int r = first; r < first + rows; r++) {
            System.arraycopy(p, r * classes, row, 0, classes);
            normalise(row);
            double kl = 0.0;
            for (int k = 0; k < classes; k++) {
                // scipy.special.rel_entr: 0 where p = 0 (0 log 0 = 0).
                if (row[k] > 0.0) {
                    kl += row[k] * Math.log(row[k] / marginal[k]);
                }
            }
            klSum += kl;
        }
        return Math.exp(klSum / rows);
    }

    private static void normalise(double[] values) {
        double total = 0.0;
        for (double v : values) {
            total += v;
        }
        for (int k = 0; k < values.length; k++) {
            values[k] /= total;
        }
    }

    private static int requireRows(int length, int classes) {
        if (classes < 1 || length == 0 || length % classes != 0) {
            throw new IllegalArgumentException(
                    length + " values do not form rows of " + classes + " classes");
        }
        return length / classes;
    }
}
