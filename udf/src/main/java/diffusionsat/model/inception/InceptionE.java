package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import diffusionsat.model.DiffusersBlock;

/**
 * Mixed_7b / 7c ({@code FIDInceptionE_1} / {@code _2}): a 1x1 branch (320), a 3x3 branch split
 * into parallel 1x3 and 3x1 (2 x 384), a double-3x3 branch split the same way (2 x 384) and a
 * pooled 1x1 branch (192): 2048 channels at the same resolution.
 */
final class InceptionE extends DiffusersBlock {
    private final BranchPool pool;
    private final BasicConv2d branch1x1;
    private final BasicConv2d branch3x3a;
    private final BasicConv2d branch3x3b1x3;
    private final BasicConv2d branch3x3b3x1;
    private final BasicConv2d branch3x3dbl1;
    private final BasicConv2d branch3x3dbl2;
    private final BasicConv2d branch3x3dbl3x1x3;
    private final BasicConv2d branch3x3dbl3x3x1;
    private final BasicConv2d branchPool;

    /** @param pool the pooling in front of {@code branch_pool}: which FID variant this is */
    InceptionE(int in, BranchPool pool) {
        this.pool = pool;
        branch1x1 = child("branch1x1", BasicConv2d.square(in, 320, 1));
        branch3x3a = child("branch3x3_1", BasicConv2d.square(in, 384, 1));
        branch3x3b1x3 = child("branch3x3_2a", BasicConv2d.rectangular(384, 384, 1, 3));
        branch3x3b3x1 = child("branch3x3_2b", BasicConv2d.rectangular(384, 384, 3, 1));
        branch3x3dbl1 = child("branch3x3dbl_1", BasicConv2d.square(in, 448, 1));
        branch3x3dbl2 = child("branch3x3dbl_2", BasicConv2d.square(448, 384, 3, 1, 1));
        branch3x3dbl3x1x3 = child("branch3x3dbl_3a", BasicConv2d.rectangular(384, 384, 1, 3));
        branch3x3dbl3x3x1 = child("branch3x3dbl_3b", BasicConv2d.rectangular(384, 384, 3, 1));
        branchPool = child("branch_pool", BasicConv2d.square(in, 192, 1));
    }

    /** (B, in, H, W) -> (B, 2048, H, W). */
    NDArray forward(NDArray x) {
        NDArray b3x3 = branch3x3a.forward(x);
        NDArray b3x3dbl = branch3x3dbl2.forward(branch3x3dbl1.forward(x));
        NDArray pooled = branchPool.forward(pool.apply(x));
        return NDArrays.concat(new NDList(branch1x1.forward(x),
                branch3x3b1x3.forward(b3x3), branch3x3b3x1.forward(b3x3),
                branch3x3dbl3x1x3.forward(b3x3dbl), branch3x3dbl3x3x1.forward(b3x3dbl),
                pooled), 1);
    }
}
