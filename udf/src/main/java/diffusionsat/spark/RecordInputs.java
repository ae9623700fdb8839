package diffusionsat.spark;

import diffusionsat.io.storage.Storage;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;

/**
 * What a work item tells its output's record: the files it was made from and the time it
 * depicts (null when the item states none).
 *
 * @param id the id of the row the item's output gets; null for an item whose rows have ids of
 *     their own (a sequence's images)
 */
public record RecordInputs(String id, List<String> hrefs, Instant datetime)
        implements Serializable {
    /** {@link #ofCatalogueRow} as a function to ship with a {@link RecordedFn}. */
    public static MapFunction<Row, RecordInputs> ofCatalogue(String catalogUri, Storage storage) {
        return row -> ofCatalogueRow(row, catalogUri, storage);
    }

    /**
     * The input (and target) file and the datetime of a catalogue row, hrefs resolved against the
     * catalogue's folder.
     */
    public static RecordInputs ofCatalogueRow(Row row, String catalogUri, Storage storage) {
        TileRef tile = TileRef.fromRow(row);
        return new RecordInputs(tile.id(), resolved(Arrays.asList(tile.href(),
                tile.targetHref()), catalogUri, storage), tile.datetime());
    }

    /** Nothing known of an item: no id, input files or time. */
    public static RecordInputs none() {
        return new RecordInputs(null, List.of(), null);
    }

    /** {@code hrefs} resolved against the catalogue's folder, nulls left out. */
    public static List<String> resolved(List<String> hrefs, String catalogUri, Storage storage) {
        return hrefs.stream().filter(Objects::nonNull)
                .map(href -> storage.resolve(catalogUri, href)).toList();
    }
}
