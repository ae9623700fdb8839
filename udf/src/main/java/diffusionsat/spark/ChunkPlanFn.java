package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.ChunkLayout;
import diffusionsat.superres.ChunkProcessor;
import diffusionsat.superres.SceneChunk;
import diffusionsat.superres.ScenePlan;
import diffusionsat.superres.SuperResolutionSettings;
import diffusionsat.superres.SuperResolvers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Plans the chunks of each catalogue scene from its raster's header (no pixels are read), on
 * the executors: one {@link ChunkRows#PLANNED} row per chunk, with the model windows it runs. A
 * scene that cannot be planned (a catalogue column of the wrong type, no href, unreadable
 * header, too large) becomes one row carrying the cause.
 */
public final class ChunkPlanFn implements FlatMapFunction<Row, Row> {
    private final SuperResolutionSettings settings;
    private final Storage storage;
    private final String catalogUri;

    public ChunkPlanFn(SuperResolutionSettings settings, Storage storage, String catalogUri) {
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
    }

    @Override
    public Iterator<Row> call(Row row) {
        TileRef tile;
        try {
            tile = TileRef.fromRow(row);
        } catch (TileException e) {                   // a catalogue column of the wrong type
            TileRef named = new TileRef(TileRef.idText(row), null, null, List.of(), null, null,
                    null, null, null);
            return List.of(ChunkRows.unplanned(named, e)).iterator();
        }
        List<Row> planned = new ArrayList<>();
        try {
            tile.validate(settings.metadataRequiredBy());
            ChunkLayout layout = SuperResolvers.layout(settings);
            ScenePlan plan = ChunkProcessor.plan(tile.id(),
                    storage.resolve(catalogUri, tile.href()), storage, settings, layout);
            for (SceneChunk chunk : plan.chunks()) {
                planned.add(ChunkRows.planned(tile, chunk, plan.windows(chunk, layout)));
            }
        } catch (TileException e) {
            planned.add(ChunkRows.unplanned(tile, e));
        }
        return planned.iterator();
    }
}
