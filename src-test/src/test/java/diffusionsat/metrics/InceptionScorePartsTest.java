package diffusionsat.metrics;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * IS from per-split partial sums (issue 12) equals the one-thread formula over the same logits,
 * whatever the grouping of the images into partitions, remainder left out alike.
 */
class InceptionScorePartsTest {
    private static final int CLASSES = 50;
    private static final int SPLITS = 4;
    private static final int IMAGES = 203;                   // 3 left over, as in the reference

    @Test
    void partialSumsMergedInAnyOrderGiveTheReferenceScore() {
        SplittableRandom random = new SplittableRandom(11);
        List<float[]> logits = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            float[] row = new float[CLASSES];
            for (int k = 0; k < CLASSES; k++) {
                row[k] = (float) (random.nextGaussian() * 3 + (k == i % 7 ? 6 : 0));
            }
            logits.add(row);
        }
        InceptionScore.Result reference = InceptionScore.fromLogitRows(logits, SPLITS);

        // Seven "partitions" of shuffled images, each with its own partial sums.
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < IMAGES; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new java.util.Random(3));
        List<InceptionScoreParts> partitions = new ArrayList<>();
        for (int p = 0; p < 7; p++) {
            partitions.add(new InceptionScoreParts(SPLITS, CLASSES));
        }
        for (int j = 0; j < IMAGES; j++) {
            int image = order.get(j);
            partitions.get(j % 7).add(InceptionScoreParts.splitOf(image, IMAGES, SPLITS),
                    logits.get(image));
        }
        InceptionScoreParts merged = partitions.get(6);
        for (int p = 5; p >= 0; p--) {
            merged = merged.merge(partitions.get(p));
        }
        InceptionScore.Result result = merged.result();
        assertAll(
                () -> assertEquals(reference.mean(), result.mean(), 1e-12 * reference.mean()),
                () -> assertEquals(reference.std(), result.std(), 1e-9),
                () -> {
                    for (int s = 0; s < SPLITS; s++) {
                        assertEquals(reference.splitScores()[s], result.splitScores()[s],
                                1e-12 * reference.splitScores()[s]);
                    }
                },
                () -> assertEquals(-1, InceptionScoreParts.splitOf(IMAGES - 1, IMAGES, SPLITS)));
    }
}
