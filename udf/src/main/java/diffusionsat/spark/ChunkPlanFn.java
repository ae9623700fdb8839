package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.superres.ChunkProcessor;
import diffusionsat.superres.SceneChunk;
import diffusionsat.superres.SuperResolutionSettings;
import diffusionsat.superres.SuperResolvers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Plans the chunks of each catalogue scene from its raster's header (no pixels are read), on
 * the executors: one {@link ChunkRows#PLANNED} row per chunk. A scene that cannot be planned (no
 * href, unreadable header, too large) becomes one row carrying the cause.
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
        TileRef tile = TileRef.fromRow(row);
        List<Row> planned = new ArrayList<>();
        try {
            tile.validate(settings.requireMetadata());
            for (SceneChunk chunk : ChunkProcessor.plan(tile.id(),
                    storage.resolve(catalogUri, tile.href()), storage, settings,
                    SuperResolvers.layout(settings))) {
                planned.add(ChunkRows.planned(tile, chunk));
            }
        } catch (TileException e) {
            planned.add(ChunkRows.unplanned(tile, e));
        }
        return planned.iterator();
    }
}
