package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import diffusionsat.model.DiffusersBlock;

/**
 * Mixed_6a ({@code InceptionB}), a grid reduction: a stride-2 3x3 branch, a double-3x3 branch
 * ending in stride 2, and a 3x3 stride-2 max-pool, concatenated to 480 + in channels.
 */
final class InceptionB extends DiffusersBlock {
    static final Shape REDUCTION_KERNEL = new Shape(3, 3);
    static final Shape REDUCTION_STRIDE = new Shape(2, 2);
    static final Shape NO_PADDING = new Shape(0, 0);

    private final BasicConv2d branch3x3;
    private final BasicConv2d branch3x3dbl1;
    private final BasicConv2d branch3x3dbl2;
    private final BasicConv2d branch3x3dbl3;

    InceptionB(int in) {
        branch3x3 = child("branch3x3", BasicConv2d.square(in, 384, 3, 2, 0));
        branch3x3dbl1 = child("branch3x3dbl_1", BasicConv2d.square(in, 64, 1));
        branch3x3dbl2 = child("branch3x3dbl_2", BasicConv2d.square(64, 96, 3, 1, 1));
        branch3x3dbl3 = child("branch3x3dbl_3", BasicConv2d.square(96, 96, 3, 2, 0));
    }

    /** (B, in, H, W) -> (B, 480 + in, (H - 3) / 2 + 1, (W - 3) / 2 + 1). */
    NDArray forward(NDArray x) {
        NDArray b3x3dbl = branch3x3dbl3.forward(branch3x3dbl2.forward(branch3x3dbl1.forward(x)));
        NDArray pooled = maxPoolReduction(x);
        return NDArrays.concat(new NDList(branch3x3.forward(x), b3x3dbl, pooled), 1);
    }

    /** {@code F.max_pool2d(x, kernel_size=3, stride=2)}, floor mode as torch's default. */
    static NDArray maxPoolReduction(NDArray x) {
        return Pool.maxPool2d(x, REDUCTION_KERNEL, REDUCTION_STRIDE, NO_PADDING, false);
    }
}
