package diffusionsat.spark;

import diffusionsat.io.storage.Storage;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;

/**
 * What a work item tells its output's record: the files it was made from and the time it
 * depicts (null when the item states none).
 */
public record RecordInputs(List<String> hrefs, Instant datetime) implements Serializable {
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
        List<String> hrefs = new ArrayList<>();
        for (String href : Arrays.asList(tile.href(), tile.targetHref())) {
            if (href != null) {
                hrefs.add(storage.resolve(catalogUri, href));
            }
        }
        return new RecordInputs(List.copyOf(hrefs), tile.datetime());
    }

    /** An item without input files or time (a generation request). */
    public static RecordInputs none() {
        return new RecordInputs(List.of(), null);
    }
}
