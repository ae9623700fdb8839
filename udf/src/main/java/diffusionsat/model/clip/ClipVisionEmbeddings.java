package diffusionsat.model.clip;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.model.DiffusersBlock;
import diffusionsat.model.Parameter;
import diffusionsat.model.ops.Conv2d;
import diffusionsat.model.ops.Embedding;
import diffusionsat.model.ops.Scope;

/**
 * HF {@code CLIPVisionEmbeddings}: a bias-free P×P convolution with stride P cuts the image into
 * (S/P)² patch vectors, a learned class token goes in front, and learned position embeddings are
 * added. Names: {@code class_embedding} [D], {@code patch_embedding.weight} [D, 3, P, P],
 * {@code position_embedding.weight} [(S/P)² + 1, D].
 *
 * <p>Dimensions: B batch, D width, N = (S/P)² patches.
 */
final class ClipVisionEmbeddings extends DiffusersBlock {
    private final ClipVisionConfig config;
    private final Parameter classEmbedding;
    private final Conv2d patchEmbedding;
    private final Embedding positionEmbedding;

    ClipVisionEmbeddings(ClipVisionConfig config) {
        this.config = config;
        classEmbedding = parameter("class_embedding", config.hiddenSize());
        patchEmbedding = child("patch_embedding", new Conv2d(3, config.hiddenSize(),
                config.patchSize(), config.patchSize(), 0, false));
        positionEmbedding = child("position_embedding",
                new Embedding(config.numPositions(), config.hiddenSize()));
    }

    /** Pixels (B, 3, S, S), normalised as CLIP's image processor does -> (B, N + 1, D). */
    NDArray forward(NDArray pixels) {
        long side = pixels.getShape().get(2);
        if (side != config.imageSize() || pixels.getShape().get(3) != config.imageSize()) {
            throw new IllegalArgumentException("CLIP vision input " + pixels.getShape()
                    + " is not " + config.imageSize() + "x" + config.imageSize());
        }
        return Scope.run(() -> {
            long batch = pixels.getShape().get(0);
            NDArray patches = patchEmbedding.forward(pixels)                  // (B, D, S/P, S/P)
                    .reshape(batch, config.hiddenSize(), -1)                  // (B, D, N)
                    .transpose(0, 2, 1);                                      // (B, N, D)
            NDArray classToken = pixels.getManager()
                    .zeros(new Shape(batch, 1, config.hiddenSize()), patches.getDataType())
                    .add(classEmbedding.array());                             // (B, 1, D)
            NDArray positions = pixels.getManager()
                    .arange(0, config.numPositions(), 1, DataType.INT64);     // (N + 1)
            return NDArrays.concat(new NDList(classToken, patches), 1)        // (B, N + 1, D)
                    .add(positionEmbedding.forward(positions));               // + (N + 1, D)
        });
    }
}
