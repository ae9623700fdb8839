package diffusionsat.model.controlnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.UNetConfig;
import diffusionsat.model.embeddings.MetadataEmbedding;
import diffusionsat.model.embeddings.Timesteps;
import diffusionsat.model.ops.Scope;

/**
 * Adds the conditioning image's metadata to a ControlNet's time embedding through the SAME
 * metadata MLPs as the target's (DIFFUSIONSAT.md §3.1 step 1, §3.2; reference MANIFEST facts 3
 * and 5), field by field after the target's, as upstream does.
 *
 * <p>Dimensions: B batch, M fields, T conditioning frames, D embedding width.
 */
final class ConditioningMetadata {
    private ConditioningMetadata() {}

    /**
     * 2D ControlNet (controlnet.py:523-554): (B, M) metadata is added once; for (B, M, T) each
     * field's T embeddings are summed before they are added.
     *
     * @param emb (B, D)
     * @return (B, D)
     */
    static NDArray addSummedOverFrames(NDArray emb, NDArray condMetadata, MetadataEmbedding mlps,
            Timesteps projection, DataType type) {
        long batch = emb.getShape().get(0);
        requireShape(condMetadata, batch, mlps.size());
        return Scope.run(() -> {
            NDArray sum = emb;
            for (int i = 0; i < mlps.size(); i++) {
                NDArray embedded = embed(condMetadata, i, mlps, projection, type); // (B·T, D)
                if (condMetadata.getShape().dimension() == 3) {
                    long frames = condMetadata.getShape().get(2);
                    embedded = embedded.reshape(batch, frames, -1) // (B, T, D)
                            .sum(new int[] {1}); // (B, D)
                }
                sum = sum.add(embedded);
            }
            return sum;
        });
    }

    /**
     * 3D ControlNet (controlnet_3d.py): frame b·T + t gets the embedding of its own metadata
     * {@code condMetadata[b, :, t]}; (B, M) metadata is the same for every frame.
     *
     * @param emb (B·T, D), frame-major within each batch element
     * @return (B·T, D)
     */
    static NDArray addPerFrame(NDArray emb, NDArray condMetadata, int frames,
            MetadataEmbedding mlps, Timesteps projection, DataType type) {
        long batch = emb.getShape().get(0) / frames;
        requireShape(condMetadata, batch, mlps.size());
        Shape shape = condMetadata.getShape();
        if (shape.dimension() == 3 && shape.get(2) != frames) {
            throw new IllegalArgumentException("conditioning metadata " + shape + " must have one"
                    + " column per conditioning frame (" + frames + ")");
        }
        return Scope.run(() -> {
            NDArray sum = emb;
            for (int i = 0; i < mlps.size(); i++) {
                NDArray embedded = embed(condMetadata, i, mlps, projection, type); // (B·T or B, D)
                if (shape.dimension() == 2) {
                    embedded = Frames.repeatInterleave(embedded, frames); // (B·T, D)
                }
                sum = sum.add(embedded);
            }
            return sum;
        });
    }

    /**
     * Requires the target metadata when the model has metadata MLPs, and refuses conditioning
     * metadata when it has none (upstream would silently ignore it).
     */
    static void requireMetadata(UNetConfig trunk, ControlNetInputs in) {
        if (trunk.useMetadata() && in.unet().metadata() == null) {
            throw new IllegalArgumentException("this ControlNet needs metadata (B, "
                    + trunk.numMetadata() + ")");
        }
        if (!trunk.useMetadata() && in.condMetadata() != null) {
            throw new IllegalArgumentException(
                    "conditioning metadata given to a ControlNet without metadata MLPs");
        }
    }

    /** Field {@code i} of every row (and frame, b-major) through its MLP: (B or B·T, D). */
    private static NDArray embed(NDArray condMetadata, int field, MetadataEmbedding mlps,
            Timesteps projection, DataType type) {
        NDArray values = condMetadata.getShape().dimension() == 3
                ? condMetadata.get(":, " + field + ", :").reshape(-1) // (B·T), index b·T + t
                : condMetadata.get(":, " + field); // (B)
        return mlps.embedField(field, values, projection, type);
    }

    private static void requireShape(NDArray condMetadata, long batch, int fields) {
        Shape shape = condMetadata.getShape();
        boolean rankOk = shape.dimension() == 2 || shape.dimension() == 3;
        if (!rankOk || shape.get(0) != batch || shape.get(1) != fields) {
            throw new IllegalArgumentException("conditioning metadata must be (" + batch + ", "
                    + fields + ") or (" + batch + ", " + fields + ", T), got " + shape);
        }
    }
}
