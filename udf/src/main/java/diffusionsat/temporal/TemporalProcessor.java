package diffusionsat.temporal;

import diffusionsat.io.ConfigException;
import diffusionsat.io.TileException;
import diffusionsat.io.raster.GdalRasters;
import diffusionsat.io.raster.NoData;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.io.raster.Raster;
import diffusionsat.io.raster.RasterDataType;
import diffusionsat.io.raster.ResizeCentreCrop;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.ConditionalGenerator;
import diffusionsat.sampling.ConditionalRequest;
import diffusionsat.sampling.TileSeeds;
import diffusionsat.spark.TileRef;
import diffusionsat.superres.TileMetrics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Predicts temporal requests without Spark, in two halves so that the caller can batch the model
 * call: {@link #prepare} (choose frames, read them, check their grids, build the model's request)
 * and {@link #finish} (put the image on the output grid, write the COG, score a held-out frame).
 * A request's data problems surface as {@link TileException}s naming it.
 */
public final class TemporalProcessor {
    private static final List<String> RGB_NAMES = List.of("R", "G", "B");
    private static final int FRAMES_KEPT = 32;

    private final ConditionalGenerator generator;
    private final TemporalSettings settings;
    private final Storage storage;
    private final FramePlanner planner;
    private final FrameImages images;
    private final TileSeeds seeds;

    public TemporalProcessor(ConditionalGenerator generator, TemporalSettings settings,
            Storage storage, String catalogUri) {
        if (generator.channels() != 3) {
            throw new ConfigException("model.checkpoint", settings.modelName(), "the model"
                    + " takes " + generator.channels() + " conditioning channels; the temporal job"
                    + " feeds RGB frames (3)");
        }
        this.generator = generator;
        this.settings = settings;
        this.storage = storage;
        this.planner = new FramePlanner(generator.frames(), settings.maxCloudCover());
        this.images = new FrameImages(storage, catalogUri, settings.radiometry(),
                settings.maxNoDataFraction(), generator.conditioningSize(), FRAMES_KEPT);
        this.seeds = new TileSeeds(settings.runSeed());
    }

    /** One request, ready for the model. */
    public record Prepared(TemporalRequest request, FramePlan plan, PixelGrid grid,
            int resampledFrames, ConditionalRequest conditional) {}

    /**
     * A finished request.
     *
     * @param metrics scores against the held-out frame (evaluation), else null
     */
    public record Outcome(Prepared prepared, String href, TileMetrics metrics) {}

    public String outputUri(String requestId) {
        return settings.tilesFolder() + "/" + OutputNames.fileName(requestId, ".tif");
    }

    public long seed(String requestId) {
        return seeds.forTile(requestId);
    }

    /**
     * Chooses and reads the request's frames and builds the model's request. Every frame must
     * cover the grid frame's extent in its CRS; a frame of another size over that extent is
     * resampled (the plan counts it), another CRS or extent fails the request.
     */
    public Prepared prepare(TemporalRequest request, List<TileRef> sequence) {
        request.validate();
        if (sequence.isEmpty()) {
            throw new TileException(request.id(), "sequence " + request.sequenceId()
                    + " is not in the catalogue");
        }
        FramePlan plan = planner.plan(request, sequence);
        TileRef gridFrame = plan.gridFrame();
        PixelGrid grid = images.read(gridFrame).grid();
        int size = generator.conditioningSize();
        int resampled = 0;
        float[][][] frames = new float[plan.frames().size()][][];
        float[][] metadata = new float[plan.frames().size()][];
        for (String id : new LinkedHashSet<>(plan.frameIds())) {
            FrameImage image = images.read(frameOf(plan, id));
            grid.requireCoveredBy(request.id(), "frame " + id, image.grid(),
                    "frame " + gridFrame.id());
            resampled += grid.sameSize(image.grid()) ? 0 : 1;
        }
        for (int t = 0; t < frames.length; t++) {
            TileRef frame = plan.frames().get(t);
            FrameImage image = images.read(frame);
            frames[t] = image.conditioning();
            metadata[t] = FrameMetadata.ofFrame(frame, image.grid(), generator.outputSize());
        }
        float[] target = FrameMetadata.ofTarget(request.id(), gridFrame, grid,
                generator.outputSize(), request.target());
        return new Prepared(request, plan, grid, resampled, new ConditionalRequest(request.id(),
                request.caption(), target, frames, metadata, size, size));
    }

    /**
     * Writes the generated image (3 planes of outputSize²) and scores it in evaluation mode. It
     * shows what its conditioning images show: the centre window of a non-square grid frame
     * ({@link ResizeCentreCrop#sourceWindow}), the whole frame otherwise.
     */
    public Outcome finish(Prepared prepared, float[][] generated) {
        int side = generator.outputSize();
        int[] window = ResizeCentreCrop.square(side).sourceWindow(prepared.grid().width(),
                prepared.grid().height());
        PixelGrid grid = prepared.grid().window(window[0], window[1], window[2], window[3]);
        PixelGrid outputGrid = settings.outputGrid() == OutputGrid.SEQUENCE ? grid
                : grid.resized(side, side);
        float[][] rgb = Planes.resize(Planes.clamped(generated), side, side, outputGrid.width(),
                outputGrid.height());
        TemporalRequest request = prepared.request();
        String href = outputUri(request.id());
        Raster output = new Raster(outputGrid.width(), outputGrid.height(), RGB_NAMES, rgb,
                outputGrid.transform(), outputGrid.crsWkt(), new NoData.None());
        // Scored before the file is written: a request that fails here leaves no output.
        TileMetrics metrics = null;
        if (request.evaluates()) {
            float[][] truth = images.truth(prepared.plan().gridFrame(), window);
            metrics = settings.comparison().compare(prepared.plan().split().label(), rgb,
                    outputGrid.width(), outputGrid.height(), truth, window[2], window[3]);
        }
        GdalRasters.writeCog(output, href, storage, RasterDataType.FLOAT32, Map.of(
                "DIFFUSIONSAT_SEQUENCE_ID", request.sequenceId(),
                "DIFFUSIONSAT_TARGET_DATETIME", request.target().toString(),
                "DIFFUSIONSAT_CONDITIONING", String.join(",", prepared.plan().frameIds()),
                "DIFFUSIONSAT_MODEL", settings.modelName()));
        return new Outcome(prepared, href, metrics);
    }

    private static TileRef frameOf(FramePlan plan, String id) {
        return plan.frames().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }
}
