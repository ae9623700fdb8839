package diffusionsat.model.lpips;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Conv2d;
import java.util.List;

/**
 * torchvision's {@code alexnet().features}: conv 11x11/4 (pad 2), ReLU, max-pool 3/2, conv 5x5
 * (pad 2), ReLU, max-pool 3/2, then three 3x3 convs (pad 1) each with a ReLU. The convolutions
 * keep their Sequential indices 0, 3, 6, 8 and 10 as names; {@link #taps} returns the five ReLU
 * outputs (indices 1, 4, 7, 9, 11) that LPIPS compares.
 */
public final class AlexNetFeatures extends DiffusersBlock {
    private static final Shape POOL_KERNEL = new Shape(3, 3);
    private static final Shape POOL_STRIDE = new Shape(2, 2);
    private static final Shape NO_PADDING = new Shape(0, 0);

    private final List<Conv2d> convs;

    /** @param widths the output channels of the five convolutions (torchvision: 64, 192, 384,
     *     256, 256) */
    public AlexNetFeatures(LpipsWidths widths) {
        convs = List.of(
                child("0", new Conv2d(3, widths.channels(0), 11, 4, 2)),
                child("3", new Conv2d(widths.channels(0), widths.channels(1), 5, 1, 2)),
                child("6", new Conv2d(widths.channels(1), widths.channels(2), 3, 1, 1)),
                child("8", new Conv2d(widths.channels(2), widths.channels(3), 3, 1, 1)),
                child("10", new Conv2d(widths.channels(3), widths.channels(4), 3, 1, 1)));
    }

    /** (B, 3, H, W) scaled input -> the five ReLU outputs, (B, C_k, H_k, W_k). */
    public NDList taps(NDArray x) {
        NDList out = new NDList(convs.size());
        NDArray h = x;
        for (int k = 0; k < convs.size(); k++) {
            if (k == 1 || k == 2) {
                // ceil_mode=False, as torch.nn.MaxPool2d's default.
                h = Pool.maxPool2d(h, POOL_KERNEL, POOL_STRIDE, NO_PADDING, false);
            }
            h = Activation.relu(convs.get(k).forward(h));
            out.add(h);
        }
        return out;
    }
}
