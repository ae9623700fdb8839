package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;

/**
 * The 3x3, stride 1, padding 1 pooling in front of a Mixed block's {@code branch_pool}
 * convolution. The FID Inception differs here from torchvision's: TensorFlow's average leaves
 * the zero padding out, and its last block (Mixed_7c) takes a max instead, as pytorch-fid's
 * {@code FIDInceptionE_2} notes (likely a slip in that graph, kept for comparable scores).
 */
enum BranchPool {
    /** {@code F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)}. */
    AVERAGE_WITHOUT_PADDING,
    /** {@code F.max_pool2d(x, 3, 1, 1)}. */
    MAX;

    private static final Shape KERNEL = new Shape(3, 3);
    private static final Shape STRIDE = new Shape(1, 1);
    private static final Shape PADDING = new Shape(1, 1);

    /** (B, C, H, W) -> (B, C, H, W). */
    NDArray apply(NDArray x) {
        return switch (this) {
            case AVERAGE_WITHOUT_PADDING -> averageWithoutPadding(x);
            case MAX -> Pool.maxPool2d(x, KERNEL, STRIDE, PADDING, false);
        };
    }

    /**
     * sum / (window pixels inside the image). The engine's average pool ignores its
     * count_include_pad=false flag (DJL 0.36 on libtorch 2.7.1 divides by 9 at the borders
     * too, as measured against torch), so the padded average sum / 9 is divided by that of a
     * map of ones, count / 9, which is exactly 1 inside the image.
     */
    private static NDArray averageWithoutPadding(NDArray x) {
        Shape shape = x.getShape();
        NDArray ones = x.getManager().ones(new Shape(1, 1, shape.get(2), shape.get(3)),
                x.getDataType());
        NDArray paddedMean = Pool.avgPool2d(x, KERNEL, STRIDE, PADDING, false, true);
        return paddedMean.div(Pool.avgPool2d(ones, KERNEL, STRIDE, PADDING, false, true));
    }
}
