package diffusionsat.model.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import diffusionsat.io.ConfigException;
import diffusionsat.model.ConfigJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * HF {@code CLIPImageProcessor} on RGB planes in [0, 1]: (1) resize so the shorter side is
 * {@code shortestEdge} and the longer one {@code floor(shortestEdge · long / short)}, bicubic as
 * {@link BicubicResize} (PIL's kernel and antialiasing, but in float: HF goes through 8-bit PIL
 * images, so its pixels are quantised to 1/255 where ours are not); (2) centre-crop
 * {@code cropSize}², offsets {@code floor((side − crop) / 2)}; (3) {@code (x − mean) / std} per
 * channel. Settings come from {@code preprocessor_config.json} where the folder has one.
 */
public final class ClipImageProcessor {
    static final String CONFIG_FILE = "preprocessor_config.json";
    /** OpenAI CLIP's pixel statistics, HF's {@code OPENAI_CLIP_MEAN} / {@code OPENAI_CLIP_STD}. */
    private static final List<Double> OPENAI_MEAN = List.of(0.48145466, 0.4578275, 0.40821073);
    private static final List<Double> OPENAI_STD = List.of(0.26862954, 0.26130258, 0.27577711);
    /** PIL's {@code Image.BICUBIC}, the only resampling filter implemented. */
    private static final int PIL_BICUBIC = 3;

    private final int shortestEdge;
    private final int cropSize;
    private final float[] mean;
    private final float[] std;

    /** A processor with explicit settings; {@code mean} and {@code std} have 3 entries. */
    public ClipImageProcessor(int shortestEdge, int cropSize, List<Double> mean, List<Double> std) {
        if (shortestEdge < cropSize) {
            throw new ConfigException("preprocessor.size", shortestEdge,
                    "must be at least crop_size " + cropSize);
        }
        if (mean.size() != 3 || std.size() != 3 || std.stream().anyMatch(s -> !(s > 0))) {
            throw new ConfigException("preprocessor.image_mean/image_std", mean + " / " + std,
                    "need 3 entries each, std > 0");
        }
        this.shortestEdge = shortestEdge;
        this.cropSize = cropSize;
        this.mean = toFloats(mean);
        this.std = toFloats(std);
    }

    /**
     * The processor of a CLIPModel folder: {@code preprocessor_config.json} if present, else
     * HF's defaults for a model of input side {@code imageSize} (resize and crop to it, OpenAI's
     * statistics).
     */
    public static ClipImageProcessor read(Path folder, int imageSize) {
        Path file = folder.resolve(CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            return new ClipImageProcessor(imageSize, imageSize, OPENAI_MEAN, OPENAI_STD);
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        ConfigJson json = new ConfigJson(root, "preprocessor");
        json.requireUnsupportedUnset("resample", PIL_BICUBIC);
        for (String step : List.of("do_resize", "do_center_crop", "do_normalize")) {
            json.requireUnsupportedUnset(step, true);
        }
        int crop = side(root, "crop_size", "height", imageSize);
        if (crop != imageSize) {
            throw json.error("crop_size", crop, "must equal the model's image_size " + imageSize);
        }
        return new ClipImageProcessor(side(root, "size", "shortest_edge", imageSize), crop,
                numbers(root, "image_mean", OPENAI_MEAN), numbers(root, "image_std", OPENAI_STD));
    }

    /** The side of the square the network sees. */
    public int cropSize() {
        return cropSize;
    }

    /**
     * Three row-major planes in [0, 1] of {@code width × height} -> the network input, (3, crop,
     * crop) row-major, normalised.
     */
    public float[] pixels(float[][] planes, int width, int height) {
        boolean wide = width >= height;
        int shorter = wide ? height : width;
        int longer = wide ? width : height;
        int resizedLonger = (int) ((double) shortestEdge * longer / shorter);   // Python's int()
        int newWidth = wide ? resizedLonger : shortestEdge;
        int newHeight = wide ? shortestEdge : resizedLonger;
        int top = (newHeight - cropSize) / 2;
        int left = (newWidth - cropSize) / 2;
        float[] out = new float[3 * cropSize * cropSize];
        for (int c = 0; c < 3; c++) {
            float[] resized = BicubicResize.resize(planes[c], width, height, newWidth, newHeight);
            for (int y = 0; y < cropSize; y++) {
                for (int x = 0; x < cropSize; x++) {
                    float value = resized[(top + y) * newWidth + left + x];
                    out[(c * cropSize + y) * cropSize + x] = (value - mean[c]) / std[c];
                }
            }
        }
        return out;
    }

    /** {@code size} / {@code crop_size}: an int (older files) or an object with {@code key}. */
    private static int side(JsonNode root, String name, String key, int fallback) {
        JsonNode node = root.path(name);
        JsonNode value = node.isObject() ? node.path(key) : node;
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isIntegralNumber()) {
            throw new ConfigException("preprocessor." + name, node, "must be an integer or {\""
                    + key + "\": integer}");
        }
        return value.asInt();
    }

    private static List<Double> numbers(JsonNode root, String key, List<Double> fallback) {
        JsonNode node = root.path(key);
        if (node.isMissingNode() || node.isNull()) {
            return fallback;
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isNumber()) {
                throw new ConfigException("preprocessor." + key, node, "must be a list of numbers");
            }
            values.add(item.asDouble());
        }
        return values;
    }

    private static float[] toFloats(List<Double> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).floatValue();
        }
        return out;
    }
}
