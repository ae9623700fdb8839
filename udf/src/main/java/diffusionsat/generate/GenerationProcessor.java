package diffusionsat.generate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.storage.ItemOutputs;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.DiffusionSatPipeline;
import diffusionsat.sampling.GeneratedImage;
import diffusionsat.sampling.SampleRequest;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.sampling.TileSeeds;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples validated requests and writes, per item, {@code <id>.png} and {@code <id>.json} (the
 * request, its metadata raw and normalised, seed and sampler settings), without Spark: both or,
 * when a write fails, neither ({@link ItemOutputs}).
 */
public final class GenerationProcessor {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DiffusionSatPipeline pipeline;
    private final GenerationSettings settings;
    private final Storage storage;
    private final TileSeeds seeds;

    public GenerationProcessor(DiffusionSatPipeline pipeline, GenerationSettings settings,
            Storage storage) {
        this.pipeline = pipeline;
        this.settings = settings;
        this.storage = storage;
        this.seeds = new TileSeeds(settings.runSeed());
    }

    /** Whether the networks run item by item ({@code sampler.batchInvariant} on this device). */
    public boolean batchInvariant() {
        return pipeline.batchInvariant(settings.sampler());
    }

    /** The seed of an item's initial noise. */
    public long seed(String id) {
        return seeds.forTile(id);
    }

    /** Where an item's PNG goes. */
    public String imageUri(String id) {
        return settings.imagesFolder() + "/" + OutputNames.fileName(id, ".png");
    }

    /** Samples {@code requests} together and writes their files; returns them in order. */
    public List<GeneratedImage> process(List<GenerationRequest> requests) {
        List<SampleRequest> samples = new ArrayList<>();
        for (GenerationRequest request : requests) {
            samples.add(new SampleRequest(request.id(), request.caption(), request.metadata(),
                    seed(request.id())));
        }
        List<GeneratedImage> images = pipeline.sample(samples, settings.sampler());
        for (int i = 0; i < images.size(); i++) {
            GeneratedImage image = images.get(i);
            GenerationRequest request = requests.get(i);
            String png = imageUri(image.id());
            String json = sidecarUri(image.id());
            ItemOutputs.writeAll(storage, List.of(png, json), () -> {
                PngImages.write(image, png, storage);
                storage.writeString(json, sidecar(request, image));
                return null;
            });
        }
        return images;
    }

    /** Where an item's JSON sidecar goes. */
    public String sidecarUri(String id) {
        return settings.imagesFolder() + "/" + OutputNames.fileName(id, ".json");
    }

    private String sidecar(GenerationRequest request, GeneratedImage image) {
        SatelliteMetadata md = request.metadata();
        ObjectNode json = JSON.createObjectNode();
        json.put("id", request.id()).put("caption", request.caption())
                .put("caption_tokens", image.captionTokens())
                .put("caption_truncated", image.captionTruncated());
        ObjectNode metadata = json.putObject("metadata");
        metadata.put("lon", md.lon()).put("lat", md.lat()).put("gsd", md.gsd())
                .put("cloud_cover", md.cloudCoverPercent())
                .put("cloud_cover_assumed", request.cloudCoverAssumed())
                .put("date", md.date().toString());
        ArrayNode normalized = json.putArray("metadata_normalized");
        for (float value : md.normalized()) {
            normalized.add(value);
        }
        json.put("model", settings.model().checkpoint())
                .put("dtype", settings.model().dtype().name().toLowerCase(java.util.Locale.ROOT))
                .put("seed", seed(request.id())).put("run_seed", settings.runSeed())
                .put("scheduler", settings.sampler().scheduler().label())
                .put("steps", settings.sampler().steps())
                .put("guidance_scale", settings.sampler().guidanceScale())
                .put("batch_invariant", batchInvariant())
                .put("width", image.width()).put("height", image.height());
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the sidecar of " + request.id(), e);
        }
    }
}
