package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;
import java.util.Arrays;

/**
 * PyTorch {@code nn.GroupNorm} with affine parameters ({@code weight}, {@code bias} [C]); this
 * engine has no GroupNorm op, so it is built on its layer norm. Statistics are biased (population) and computed in float32 even
 * for fp16 activations, as PyTorch's CPU kernel accumulates them in float.
 */
public final class GroupNorm extends DiffusersBlock {
    private final int groups;
    private final float eps;
    private final Parameter weight;
    private final Parameter bias;

    /** GroupNorm over {@code channels} in {@code groups} groups. */
    public GroupNorm(int groups, int channels, float eps) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException(
                    channels + " channels cannot be split into " + groups + " groups");
        }
        this.groups = groups;
        this.eps = eps;
        weight = parameter("weight", channels);
        bias = parameter("bias", channels);
    }

    /** (B, C, *) -> (B, C, *), normalised per (batch, group). */
    public NDArray forward(NDArray x) {
        return groupNorm(x, groups, weight.array(), bias.array(), eps);
    }

    /**
     * y = (x − mean) / sqrt(var + eps) · γ + β, with mean and var over each group's channels and
     * all positions of one batch element. Two native passes instead of one per term: the engine's
     * layer norm over the grouped view (B, G, C/G·∏spatial) computes the statistics and the
     * normalised values (its own γ = 1, β = 0, as the real γ and β are per channel, not per
     * position), then γ and β are applied in place.
     */
    public static NDArray groupNorm(NDArray x, int groups, NDArray gamma, NDArray beta, float eps) {
        return Scope.run(() -> {
            Shape shape = x.getShape();
            NDArray input = x.getDataType() == DataType.FLOAT32 ? x
                    : x.toType(DataType.FLOAT32, false);
            NDManager manager = input.getManager();
            long batch = shape.get(0);
            Shape perGroup = new Shape(shape.size() / (batch * groups));
            NDArray normalised = ai.djl.nn.norm.LayerNorm.layerNorm(
                            input.reshape(batch, groups, perGroup.get(0)), perGroup,
                            manager.ones(perGroup), manager.zeros(perGroup), eps)
                    .singletonOrThrow()
                    .reshape(shape);
            long[] perChannel = new long[shape.dimension()]; // (1, C, 1, ...) broadcasts γ and β
            Arrays.fill(perChannel, 1);
            perChannel[1] = shape.get(1);
            NDArray out = normalised.muli(gamma.reshape(perChannel)).addi(beta.reshape(perChannel));
            return out.getDataType() == x.getDataType() ? out : out.toType(x.getDataType(), false);
        });
    }
}
