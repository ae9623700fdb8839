package diffusionsat.metrics;

import java.io.Serializable;

/**
 * The Inception Score's sufficient statistics per split, so that a distributed set needs no
 * image's logits on the driver: for split s, the count n_s, the sum of the class probabilities
 * Σ p(y|x) and the sum of their negative entropies Σ_x Σ_y p log p. Then, as {@link
 * InceptionScore} computes it, with p̄ = Σ p / n_s the split's marginal,
 *
 * <pre>  mean KL(p(y|x) || p̄) = (Σ_x Σ_y p log p) / n_s − Σ_y p̄ log p̄</pre>
 *
 * and the split's score is its exponential. {@code splits × (classes + 2)} doubles whatever the
 * number of images (80 KB for 10 splits of Inception's 1008 classes). Mutable, for Spark's
 * seqOp/combOp; merging is associative and commutative up to float64 rounding.
 */
public final class InceptionScoreParts implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int classes;
    private final long[] counts;
    private final double[][] probabilitySums;
    private final double[] negativeEntropySums;

    /** Empty statistics for {@code splits} splits of {@code classes}-way logits. */
    public InceptionScoreParts(int splits, int classes) {
        if (splits < 1 || classes < 1) {
            throw new IllegalArgumentException("need splits >= 1 and classes >= 1, got "
                    + splits + " and " + classes);
        }
        this.classes = classes;
        this.counts = new long[splits];
        this.probabilitySums = new double[splits][classes];
        this.negativeEntropySums = new double[splits];
    }

    /**
     * The split of the image at {@code index} (0-based, in the set's order) among {@code images}:
     * consecutive parts of images / splits images, or -1 for the remainder, which is left out.
     */
    public static int splitOf(long index, long images, int splits) {
        long perSplit = images / splits;
        if (perSplit == 0) {
            throw new IllegalArgumentException(images + " images cannot fill " + splits
                    + " splits");
        }
        long split = index / perSplit;
        return split < splits ? (int) split : -1;
    }

    /** Adds one image's logits to {@code split}; a split of -1 (the remainder) is ignored. */
    public InceptionScoreParts add(int split, float[] logits) {
        if (split < 0) {
            return this;
        }
        if (logits.length != classes) {
            throw new IllegalArgumentException("logits have " + logits.length + " values, "
                    + classes + " expected");
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float value : logits) {
            max = Math.max(max, value);
        }
        double[] p = new double[classes];
        double total = 0.0;
        for (int k = 0; k < classes; k++) {
            // Shifting by the max keeps exp from overflowing; softmax is unchanged by it.
            p[k] = Math.exp((double) logits[k] - max);
            total += p[k];
        }
        double negativeEntropy = 0.0;
        double[] sums = probabilitySums[split];
        for (int k = 0; k < classes; k++) {
            p[k] /= total;
            sums[k] += p[k];
            if (p[k] > 0.0) {                                   // 0 log 0 = 0
                negativeEntropy += p[k] * Math.log(p[k]);
            }
        }
        negativeEntropySums[split] += negativeEntropy;
        counts[split]++;
        return this;
    }

    /** Adds another set's statistics of the same shape to this one. */
    public InceptionScoreParts merge(InceptionScoreParts other) {
        if (other.classes != classes || other.counts.length != counts.length) {
            throw new IllegalArgumentException("cannot merge parts of another shape");
        }
        for (int s = 0; s < counts.length; s++) {
            counts[s] += other.counts[s];
            negativeEntropySums[s] += other.negativeEntropySums[s];
            for (int k = 0; k < classes; k++) {
                probabilitySums[s][k] += other.probabilitySums[s][k];
            }
        }
        return this;
    }

    /** The score: mean and population standard deviation of the split scores. */
    public InceptionScore.Result result() {
        int splits = counts.length;
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            if (counts[s] == 0) {
                throw new IllegalStateException("split " + s + " has no image");
            }
            double marginalEntropyTerm = 0.0;
            for (int k = 0; k < classes; k++) {
                double marginal = probabilitySums[s][k] / counts[s];
                if (marginal > 0.0) {
                    marginalEntropyTerm += marginal * Math.log(marginal);
                }
            }
            scores[s] = Math.exp(negativeEntropySums[s] / counts[s] - marginalEntropyTerm);
        }
        return InceptionScore.summary(scores);
    }
}
