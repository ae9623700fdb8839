package diffusionsat.model.embeddings;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.ForwardProbe;
import diffusionsat.model.ops.Scope;
import java.util.ArrayList;
import java.util.List;

/**
 * DiffusionSat's {@code metadata_embedding} ModuleList (sat_unet.py; DIFFUSIONSAT.md §1.3): one
 * {@link TimestepEmbedding} per metadata field, children {@code "0"} .. {@code "M-1"}. Field i's
 * normalised value goes through the model's own sinusoid ({@link Timesteps}, float32), then
 * MLP i; the M results are summed. Shared by SatUNet and the ControlNets (which also embed
 * conditioning metadata with the same MLPs).
 *
 * <p>Dimensions: B batch, M fields, C sinusoid width, D embedding width.
 */
public final class MetadataEmbedding extends DiffusersBlock {
    private final List<TimestepEmbedding> fields = new ArrayList<>();

    /** M MLPs C → D → D (SiLU). */
    public MetadataEmbedding(int numMetadata, int sinusoidChannels, int embedDim) {
        if (numMetadata < 1) {
            throw new IllegalArgumentException("num_metadata " + numMetadata);
        }
        for (int i = 0; i < numMetadata; i++) {
            fields.add(child(String.valueOf(i), new TimestepEmbedding(sinusoidChannels, embedDim)));
        }
    }

    /** The number of fields M. */
    public int size() {
        return fields.size();
    }

    /**
     * Embeds one field.
     *
     * @param field index i of the MLP
     * @param values (N) normalised values of field i
     * @param dtype the model's element type (the sinusoid is cast to it after projection)
     * @return (N, D)
     */
    public NDArray embedField(int field, NDArray values, Timesteps projection, DataType dtype) {
        return Scope.run(() ->
                fields.get(field).forward(projection.project(values).toType(dtype, false)));
    }

    /**
     * base + Σᵢ MLPᵢ(sinusoid(metadata[:, i])), added one field at a time in upstream's order.
     *
     * @param base (B, D) the embedding to add to (the time embedding)
     * @param metadata (B, M) normalised metadata
     * @param probe receives each field's embedding as {@code metadata_embedding.i}
     * @return (B, D)
     */
    public NDArray addTo(NDArray base, NDArray metadata, Timesteps projection, DataType dtype,
            ForwardProbe probe) {
        long[] shape = metadata.getShape().getShape();
        if (shape.length != 2 || shape[1] != size()) {
            throw new IllegalArgumentException("metadata must be (batch, " + size() + "), got "
                    + metadata.getShape());
        }
        return Scope.run(() -> {
            NDArray sum = base;
            for (int i = 0; i < size(); i++) {
                NDArray embedded = embedField(i, metadata.get(":, " + i), projection, dtype);
                probe.record("metadata_embedding." + i, embedded);
                sum = sum.add(embedded);
            }
            return sum;
        });
    }
}
