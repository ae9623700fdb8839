package diffusionsat.model.lpips;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * LPIPS v0.1, AlexNet variant: both images pass the ScalingLayer and AlexNet's features; at each
 * of the five ReLU taps the features are unit-normalised over channels, their squared difference
 * is weighted by the layer's 1x1 head and averaged over space; the five averages are summed.
 * Names: {@code features.{0,3,6,8,10}.{weight,bias}}, {@code lin{0..4}.model.1.weight}.
 */
public final class Lpips extends DiffusersBlock {
    private static final float[] SHIFT = {-0.030f, -0.088f, -0.188f};
    private static final float[] SCALE = {0.458f, 0.448f, 0.450f};
    /** Added to the channel norm, as lpips's {@code normalize_tensor}. */
    private static final float EPSILON = 1e-10f;

    private final AlexNetFeatures features;
    private final List<LinearHead> heads = new ArrayList<>();

    public Lpips(LpipsWidths widths) {
        features = child("features", new AlexNetFeatures(widths));
        for (int k = 0; k < 5; k++) {
            // lpips's Sequential(Dropout, Conv2d): the conv is entry 1 of "model".
            heads.add(new LinearHead(widths.channels(k)));
            child("lin" + k + ".model.1", heads.get(k));
        }
    }

    /**
     * The distance of each pair.
     *
     * @param x0 (B, 3, H, W) in [-1, 1]
     * @param x1 (B, 3, H, W) in [-1, 1]
     * @return (B) distances, in the manager of {@code x0}
     */
    public NDArray forward(NDArray x0, NDArray x1) {
        return Scope.run(() -> {
            NDList taps0 = features.taps(scale(x0));
            NDList taps1 = features.taps(scale(x1));
            NDArray total = null;
            for (int k = 0; k < heads.size(); k++) {
                NDArray difference = unitNormalised(taps0.get(k))
                        .sub(unitNormalised(taps1.get(k))).square();
                NDArray weighted = heads.get(k).forward(difference);
                // (B, 1, H_k, W_k) -> (B, H_k * W_k); the engine's mean takes one axis
                NDArray layer = weighted.reshape(weighted.getShape().get(0), -1)
                        .mean(new int[] {1});
                total = total == null ? layer : total.add(layer);
            }
            return total;
        });
    }

    /** lpips's ScalingLayer: (x - shift) / scale per channel. */
    private static NDArray scale(NDArray x) {
        NDManager manager = x.getManager();
        NDArray shift = manager.create(SHIFT, new Shape(1, 3, 1, 1)).toType(x.getDataType(), false);
        NDArray scale = manager.create(SCALE, new Shape(1, 3, 1, 1)).toType(x.getDataType(), false);
        return x.sub(shift).div(scale);
    }

    /** x / (sqrt(sum over C of x²) + eps). */
    private static NDArray unitNormalised(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).sqrt().add(EPSILON));
    }
}
