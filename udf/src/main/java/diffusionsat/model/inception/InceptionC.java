package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import diffusionsat.model.DiffusersBlock;

/**
 * Mixed_6b..6e ({@code FIDInceptionC}): a 1x1 branch, a factorised 7x7 branch (1x7 then 7x1),
 * a double factorised 7x7 branch and a pooled 1x1 branch, 192 channels each (768 in all).
 */
final class InceptionC extends DiffusersBlock {
    private final BasicConv2d branch1x1;
    private final BasicConv2d branch7x7a;
    private final BasicConv2d branch7x7b;
    private final BasicConv2d branch7x7c;
    private final BasicConv2d[] branch7x7dbl;
    private final BasicConv2d branchPool;

    /** @param c7 the width inside the 7x7 branches (128, 160, 160, 192 for Mixed_6b..6e) */
    InceptionC(int in, int c7) {
        branch1x1 = child("branch1x1", BasicConv2d.square(in, 192, 1));
        branch7x7a = child("branch7x7_1", BasicConv2d.square(in, c7, 1));
        branch7x7b = child("branch7x7_2", BasicConv2d.rectangular(c7, c7, 1, 7));
        branch7x7c = child("branch7x7_3", BasicConv2d.rectangular(c7, 192, 7, 1));
        branch7x7dbl = new BasicConv2d[] {
            child("branch7x7dbl_1", BasicConv2d.square(in, c7, 1)),
            child("branch7x7dbl_2", BasicConv2d.rectangular(c7, c7, 7, 1)),
            child("branch7x7dbl_3", BasicConv2d.rectangular(c7, c7, 1, 7)),
            child("branch7x7dbl_4", BasicConv2d.rectangular(c7, c7, 7, 1)),
            child("branch7x7dbl_5", BasicConv2d.rectangular(c7, 192, 1, 7)),
        };
        branchPool = child("branch_pool", BasicConv2d.square(in, 192, 1));
    }

    /** (B, in, H, W) -> (B, 768, H, W). */
    NDArray forward(NDArray x) {
        NDArray b7x7 = branch7x7c.forward(branch7x7b.forward(branch7x7a.forward(x)));
        NDArray b7x7dbl = x;
        for (BasicConv2d conv : branch7x7dbl) {
            b7x7dbl = conv.forward(b7x7dbl);
        }
        NDArray pooled = branchPool.forward(BranchPool.AVERAGE_WITHOUT_PADDING.apply(x));
        return NDArrays.concat(new NDList(branch1x1.forward(x), b7x7, b7x7dbl, pooled), 1);
    }
}
