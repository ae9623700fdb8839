package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import diffusionsat.model.DiffusersBlock;

/**
 * Mixed_7a ({@code InceptionD}), the second grid reduction: 1x1 then stride-2 3x3 (320), 1x1,
 * 1x7, 7x1 then stride-2 3x3 (192), and a 3x3 stride-2 max-pool, 512 + in channels.
 */
final class InceptionD extends DiffusersBlock {
    private final BasicConv2d branch3x3a;
    private final BasicConv2d branch3x3b;
    private final BasicConv2d[] branch7x7x3;

    InceptionD(int in) {
        branch3x3a = child("branch3x3_1", BasicConv2d.square(in, 192, 1));
        branch3x3b = child("branch3x3_2", BasicConv2d.square(192, 320, 3, 2, 0));
        branch7x7x3 = new BasicConv2d[] {
            child("branch7x7x3_1", BasicConv2d.square(in, 192, 1)),
            child("branch7x7x3_2", BasicConv2d.rectangular(192, 192, 1, 7)),
            child("branch7x7x3_3", BasicConv2d.rectangular(192, 192, 7, 1)),
            child("branch7x7x3_4", BasicConv2d.square(192, 192, 3, 2, 0)),
        };
    }

    /** (B, in, H, W) -> (B, 512 + in, (H - 3) / 2 + 1, (W - 3) / 2 + 1). */
    NDArray forward(NDArray x) {
        NDArray b3x3 = branch3x3b.forward(branch3x3a.forward(x));
        NDArray b7x7x3 = x;
        for (BasicConv2d conv : branch7x7x3) {
            b7x7x3 = conv.forward(b7x7x3);
        }
        return NDArrays.concat(new NDList(b3x3, b7x7x3, InceptionB.maxPoolReduction(x)), 1);
    }
}
