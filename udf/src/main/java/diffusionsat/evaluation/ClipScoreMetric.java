package diffusionsat.evaluation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.ConfigException;
import diffusionsat.io.checkpoint.DiffusersFolder;
import diffusionsat.io.storage.Storage;
import diffusionsat.model.ModelDType;
import diffusionsat.model.clip.ClipConfig;
import diffusionsat.model.clip.ClipImageProcessor;
import diffusionsat.model.clip.ClipModel;
import diffusionsat.model.clip.ClipTextModel;
import diffusionsat.model.clip.ClipTokenizer;
import diffusionsat.model.clip.TokenizedText;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CLIP score of an RGB image in [0, 1] and its caption (DESIGN.md §7):
 * {@code 100 · max(cos(image embedding, text embedding), 0)}, as torchmetrics' CLIPScore. The
 * network is an HF {@code CLIPModel} folder (config.json, model.safetensors or pytorch_model.bin,
 * vocab.json and merges.txt, optionally preprocessor_config.json and tokenizer_config.json),
 * loaded once per executor JVM and location (float32, CPU) and shared by its tasks.
 *
 * <p>Captions are tokenized by {@link ClipTokenizer} and cut to its {@code model_max_length}
 * (77): BOS, the first 75 tokens, EOS; the ids are padded to that length without an attention
 * mask, which changes nothing because the causal mask keeps EOS from seeing the padding after
 * it. Images go through {@link ClipImageProcessor}.
 */
public final class ClipScoreMetric {
    private static final Logger log = LoggerFactory.getLogger(ClipScoreMetric.class);
    private static final Map<String, ClipScoreMetric> LOADED = new ConcurrentHashMap<>();

    private final NDManager manager;
    private final ClipModel network;
    private final ClipTokenizer tokenizer;
    private final ClipImageProcessor processor;

    private ClipScoreMetric(DiffusersFolder folder) {
        ClipConfig config = ClipConfig.fromJson(folder.rootConfig());
        Path root = folder.root();
        tokenizer = ClipTokenizer.fromFolder(root);
        int maxLength = tokenizer.config().maxLength();
        if (maxLength > config.text().maxPositionEmbeddings()) {
            throw new ConfigException("tokenizer.model_max_length", maxLength,
                    "exceeds the text tower's max_position_embeddings "
                            + config.text().maxPositionEmbeddings() + " in " + root);
        }
        processor = ClipImageProcessor.read(root, config.vision().imageSize());
        network = new ClipModel(config);
        manager = NDManager.newBaseManager();
        network.loadHf(folder.rootWeights(), manager, ModelDType.F32);
    }

    /**
     * The metric for the CLIPModel folder at {@code uri} (local, or any store {@link Storage}
     * reaches: copied once into the local checkpoint cache), read on first use in this JVM.
     */
    public static ClipScoreMetric forModel(String uri, Storage storage) {
        return LOADED.computeIfAbsent(uri, u -> {
            log.info("loading the CLIP model from {}", u);
            return new ClipScoreMetric(DiffusersFolder.open(u, storage.configuration()));
        });
    }

    /** Builds the metric from a local CLIPModel folder, uncached (tests, tools). */
    public static ClipScoreMetric of(Path folder) {
        return new ClipScoreMetric(DiffusersFolder.open(folder.toString()));
    }

    /**
     * The CLIP score of one image, 3 row-major planes in [0, 1] without NaN, and its caption.
     */
    public double score(float[][] rgbPlanes, int width, int height, String caption) {
        return score(List.<float[][]>of(rgbPlanes), width, height, List.of(caption))[0];
    }

    /** The CLIP score of each image with the caption at the same index; all images one size. */
    public double[] score(List<float[][]> rgbPlanes, int width, int height,
            List<String> captions) {
        if (rgbPlanes.size() != captions.size()) {
            throw new IllegalArgumentException(rgbPlanes.size() + " images but "
                    + captions.size() + " captions");
        }
        int batch = captions.size();
        List<TokenizedText> texts = captions.stream().map(tokenizer::tokenize).toList();
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = network.imageFeatures(pixels(scope, rgbPlanes, width, height));
            NDArray words = network.textFeatures(ClipTextModel.inputIds(scope, texts));
            float[] cosines = cosine(images, words).toFloatArray();
            double[] scores = new double[batch];
            for (int i = 0; i < batch; i++) {
                scores[i] = 100 * Math.max(cosines[i], 0);
            }
            return scores;
        }
    }

    /** (B, E), (B, E) -> (B): the cosine of each row pair. */
    private static NDArray cosine(NDArray a, NDArray b) {
        NDArray dot = a.mul(b).sum(new int[] {1});
        return dot.div(a.norm(new int[] {1}).mul(b.norm(new int[] {1})));
    }

    /** The processed images, (B, 3, S, S). */
    private NDArray pixels(NDManager scope, List<float[][]> rgbPlanes, int width, int height) {
        int side = processor.cropSize();
        int size = 3 * side * side;
        float[] values = new float[rgbPlanes.size() * size];
        for (int i = 0; i < rgbPlanes.size(); i++) {
            System.arraycopy(processor.pixels(rgbPlanes.get(i), width, height), 0, values,
                    i * size, size);
        }
        return scope.create(values, new Shape(rgbPlanes.size(), 3, side, side));
    }
}
