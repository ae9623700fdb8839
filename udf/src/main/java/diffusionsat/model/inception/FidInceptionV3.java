package diffusionsat.model.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ops.Linear;
import diffusionsat.model.ops.Scope;
import java.util.function.UnaryOperator;

/**
 * The Inception-v3 that FID and IS are defined with: torchvision's {@code Inception3}
 * (transform_input=False, no AuxLogits) with pytorch-fid's FID blocks, whose branch_pool
 * pooling follows TensorFlow's graph ({@link BranchPool}). Stem: five BasicConv2d with 3x3
 * stride-2 max-pools after Conv2d_2b_3x3 and Conv2d_4a_3x3; then Mixed_5b..5d, 6a, 6b..6e, 7a,
 * 7b, 7c; a global average pool gives the 2048 pool features FID compares, and {@code fc} maps
 * them to the class logits IS uses. Names are torchvision's, e.g. {@code
 * Mixed_6b.branch7x7_2.bn.running_mean}.
 *
 * <p>Shapes for a 299x299 input: B images, stem (B, 192, 35, 35), Mixed_5x (B, 256|288, 35,
 * 35), Mixed_6x (B, 768, 17, 17), Mixed_7x (B, 1280|2048, 8, 8).
 */
public final class FidInceptionV3 extends DiffusersBlock {
    /** The width of the pool features (the input of {@code fc}). */
    public static final int POOL_WIDTH = 2048;
    /** The classes of the FID weights' {@code fc} (TensorFlow's 1008; torchvision's has 1000). */
    public static final int FID_CLASSES = 1008;

    private final BasicConv2d conv1a;
    private final BasicConv2d conv2a;
    private final BasicConv2d conv2b;
    private final BasicConv2d conv3b;
    private final BasicConv2d conv4a;
    private final InceptionA mixed5b;
    private final InceptionA mixed5c;
    private final InceptionA mixed5d;
    private final InceptionB mixed6a;
    private final InceptionC mixed6b;
    private final InceptionC mixed6c;
    private final InceptionC mixed6d;
    private final InceptionC mixed6e;
    private final InceptionD mixed7a;
    private final InceptionE mixed7b;
    private final InceptionE mixed7c;
    private final Linear fc;

    /** @param classes the rows of {@code fc.weight} (see {@link #classesOf}) */
    public FidInceptionV3(int classes) {
        conv1a = child("Conv2d_1a_3x3", BasicConv2d.square(3, 32, 3, 2, 0));
        conv2a = child("Conv2d_2a_3x3", BasicConv2d.square(32, 32, 3));
        conv2b = child("Conv2d_2b_3x3", BasicConv2d.square(32, 64, 3, 1, 1));
        conv3b = child("Conv2d_3b_1x1", BasicConv2d.square(64, 80, 1));
        conv4a = child("Conv2d_4a_3x3", BasicConv2d.square(80, 192, 3));
        mixed5b = child("Mixed_5b", new InceptionA(192, 32));
        mixed5c = child("Mixed_5c", new InceptionA(256, 64));
        mixed5d = child("Mixed_5d", new InceptionA(288, 64));
        mixed6a = child("Mixed_6a", new InceptionB(288));
        mixed6b = child("Mixed_6b", new InceptionC(768, 128));
        mixed6c = child("Mixed_6c", new InceptionC(768, 160));
        mixed6d = child("Mixed_6d", new InceptionC(768, 160));
        mixed6e = child("Mixed_6e", new InceptionC(768, 192));
        mixed7a = child("Mixed_7a", new InceptionD(768));
        mixed7b = child("Mixed_7b", new InceptionE(1280, BranchPool.AVERAGE_WITHOUT_PADDING));
        mixed7c = child("Mixed_7c", new InceptionE(2048, BranchPool.MAX));
        fc = child("fc", new Linear(POOL_WIDTH, classes));
    }

    /**
     * The number of classes of {@code weights}' {@code fc.weight}: 1008 for the FID weights,
     * 1000 for torchvision's ImageNet weights. Without that tensor, the FID count, so that the
     * strict load names every missing key.
     */
    public static int classesOf(StateDict weights) {
        return weights.contains("fc.weight")
                ? Math.toIntExact(weights.get("fc.weight").shape()[0]) : FID_CLASSES;
    }

    /**
     * Pool features and logits of a batch.
     *
     * @param x (B, 3, H, W) in [-1, 1], H and W at least 75; FID uses 299x299
     * @return (B, 2048) pool features, then (B, classes) logits, in the manager of {@code x}
     */
    public NDList forward(NDArray x) {
        return Scope.runAll(() -> {
            NDArray h = stage(this::stem, x);                        // (B, 192, 35, 35)
            for (InceptionA block : new InceptionA[] {mixed5b, mixed5c, mixed5d}) {
                h = stage(block::forward, h);                         // (B, 256|288|288, 35, 35)
            }
            h = stage(mixed6a::forward, h);                           // (B, 768, 17, 17)
            for (InceptionC block : new InceptionC[] {mixed6b, mixed6c, mixed6d, mixed6e}) {
                h = stage(block::forward, h);
            }
            h = stage(mixed7a::forward, h);                           // (B, 1280, 8, 8)
            h = stage(mixed7b::forward, h);                           // (B, 2048, 8, 8)
            h = stage(mixed7c::forward, h);
            // adaptive average pool to 1x1: (B, 2048, h, w) -> (B, 2048, h*w) -> (B, 2048)
            NDArray pool = h.reshape(h.getShape().get(0), POOL_WIDTH, -1).mean(new int[] {2});
            // torchvision's dropout before fc is the identity in eval mode
            return new NDList(pool, fc.forward(pool));
        });
    }

    /** (B, 3, H, W) -> (B, 192, H', W'): five BasicConv2d and two 3x3 stride-2 max-pools. */
    private NDArray stem(NDArray x) {
        NDArray h = conv2b.forward(conv2a.forward(conv1a.forward(x)));
        h = InceptionB.maxPoolReduction(h);
        h = conv4a.forward(conv3b.forward(h));
        return InceptionB.maxPoolReduction(h);
    }

    /** Runs one stage in its own scope, so that its temporaries are freed as it returns. */
    private static NDArray stage(UnaryOperator<NDArray> block, NDArray input) {
        return Scope.run(() -> block.apply(input));
    }
}
