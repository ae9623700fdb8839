package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import diffusionsat.model.DiffusersBlock;

/**
 * Mixed_5b..5d ({@code FIDInceptionA}): 1x1, 5x5 and double-3x3 branches and a pooled 1x1
 * branch, concatenated to 224 + {@code poolFeatures} channels at the same resolution.
 */
final class InceptionA extends DiffusersBlock {
    private final BasicConv2d branch1x1;
    private final BasicConv2d branch5x5a;
    private final BasicConv2d branch5x5b;
    private final BasicConv2d branch3x3dbl1;
    private final BasicConv2d branch3x3dbl2;
    private final BasicConv2d branch3x3dbl3;
    private final BasicConv2d branchPool;

    InceptionA(int in, int poolFeatures) {
        branch1x1 = child("branch1x1", BasicConv2d.square(in, 64, 1));
        branch5x5a = child("branch5x5_1", BasicConv2d.square(in, 48, 1));
        branch5x5b = child("branch5x5_2", BasicConv2d.square(48, 64, 5, 1, 2));
        branch3x3dbl1 = child("branch3x3dbl_1", BasicConv2d.square(in, 64, 1));
        branch3x3dbl2 = child("branch3x3dbl_2", BasicConv2d.square(64, 96, 3, 1, 1));
        branch3x3dbl3 = child("branch3x3dbl_3", BasicConv2d.square(96, 96, 3, 1, 1));
        branchPool = child("branch_pool", BasicConv2d.square(in, poolFeatures, 1));
    }

    /** (B, in, H, W) -> (B, 224 + poolFeatures, H, W). */
    NDArray forward(NDArray x) {
        NDArray b5x5 = branch5x5b.forward(branch5x5a.forward(x));
        NDArray b3x3dbl = branch3x3dbl3.forward(branch3x3dbl2.forward(branch3x3dbl1.forward(x)));
        NDArray pooled = branchPool.forward(BranchPool.AVERAGE_WITHOUT_PADDING.apply(x));
        return NDArrays.concat(new NDList(branch1x1.forward(x), b5x5, b3x3dbl, pooled), 1);
    }
}
