package diffusionsat.io.stac;

import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.ScanResult;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.storage.Storage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A STAC scan: the Items of the input found on the driver ({@link StacInputs}), each turned into
 * a row by {@link StacItemScanner} (in this JVM, or on executors through {@code scanItems}), an
 * Item id seen twice rejected the second time; then, once the catalogue is written, the VRTs
 * beside it ({@link #writeVrts}).
 */
public final class StacScan {
    private static final Logger log = LoggerFactory.getLogger(StacScan.class);

    /** The folder of a catalogue's VRTs; {@code _} keeps it out of Spark's Parquet reads. */
    public static final String VRT_FOLDER = "_stac";

    /** The scan: rows and rejections, and each row's VRT by its href. */
    public record Result(ScanResult scan, Map<String, String> vrts) {}

    private StacScan() {}

    /** Scans the Items of {@code inputUri} in this JVM. */
    public static Result run(String inputUri, StacItemScanner scanner, Storage storage) {
        return run(inputUri, storage, sources -> sources.stream()
                .map(source -> scanner.scan(source, storage)).toList());
    }

    /** Scans the Items of {@code inputUri}, handing the per-item work to {@code scanItems}. */
    public static Result run(String inputUri, Storage storage,
            Function<List<StacItemSource>, List<StacScanRow>> scanItems) {
        StacInputs.Found found = StacInputs.find(inputUri, storage);
        List<TileRecord> tiles = new ArrayList<>();
        List<ScanFailure> failures = new ArrayList<>(found.failures());
        Map<String, String> vrts = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        for (StacScanRow row : scanItems.apply(found.items())) {
            if (row.failure() != null) {
                failures.add(row.failure());
            } else if (!ids.add(row.tile().id())) {
                failures.add(new ScanFailure(row.tile().href(), row.tile().id(),
                        "duplicate item id: an earlier item has it"));
            } else {
                tiles.add(row.tile());
                vrts.put(row.tile().href(), row.vrtXml());
            }
        }
        failures.forEach(f -> log.warn("catalogue: rejected {}{}: {}", f.uri(),
                f.item() == null ? "" : " (item " + f.item() + ")", f.cause()));
        log.info("catalogue: {} items catalogued, {} rejected", tiles.size(), failures.size());
        return new Result(new ScanResult(tiles, failures), vrts);
    }

    /** Writes each VRT at its href (after the catalogue, which replaces its folder). */
    public static void writeVrts(Map<String, String> vrts, Storage storage) {
        vrts.forEach((uri, xml) -> storage.writeString(uri, xml));
    }
}
