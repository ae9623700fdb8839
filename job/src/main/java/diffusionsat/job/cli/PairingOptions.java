package diffusionsat.job.cli;

import diffusionsat.io.ConfigException;
import diffusionsat.io.catalog.RasterPairing;
import diffusionsat.io.catalog.ScanFailure;
import diffusionsat.io.catalog.TileRecord;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.config.Settings;
import java.io.PrintWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code catalog --targets} and {@code --masks}: the user's own ground truth and masks, paired
 * with the inputs by {@link RasterPairing}'s rule into {@code target_href} and {@code mask_href}.
 */
final class PairingOptions {
    @Option(names = "--targets", paramLabel = "URI",
            description = "High-resolution targets (a file, folder or s3a:// prefix), paired with"
                    + " the inputs by name, else by footprint and date (README \"Your own"
                    + " targets and masks\"); fills target_href.")
    String targets;

    @Option(names = "--masks", paramLabel = "URI",
            description = "Cloud or damage masks, paired like --targets; fills mask_href.")
    String masks;

    /** The target and mask files, which are never catalogued as inputs themselves. */
    Set<String> files(Storage storage) {
        Set<String> files = new HashSet<>();
        for (String uri : new String[] {absolute(targets), absolute(masks)}) {
            if (uri != null) {
                files.addAll(RasterPairing.files(uri, storage));
            }
        }
        return files;
    }

    /** The inputs with their pairs; prints what found no pair. */
    List<TileRecord> apply(List<TileRecord> inputs, Settings settings, Storage storage,
            PrintWriter out) {
        RasterPairing pairing = new RasterPairing(settings.number("pairing.minOverlap", 1e-9, 1),
                settings.number("pairing.maxDays", 0, 36600));
        List<TileRecord> tiles = inputs;
        for (RasterPairing.Role role : RasterPairing.Role.values()) {
            String option = role == RasterPairing.Role.TARGET ? "--targets" : "--masks";
            String uri = absolute(role == RasterPairing.Role.TARGET ? targets : masks);
            if (uri == null) {
                continue;
            }
            if (!storage.exists(uri)) {
                throw new ConfigException(option, uri, "does not exist");
            }
            RasterPairing.Result result = pairing.pair(tiles, uri, role, storage);
            String what = role.name().toLowerCase(Locale.ROOT);
            out.printf("catalog: %d of %d inputs paired with a %s from %s%n",
                    tiles.size() - result.unmatched().size(), tiles.size(), what, uri);
            result.unmatched().forEach(id -> out.printf("  no %s: %s%n", what, id));
            result.unused().forEach(href -> out.printf("  %s not paired: %s%n", what, href));
            for (ScanFailure failure : result.unreadable()) {
                out.printf("  unreadable %s: %s: %s%n", what, failure.uri(), failure.cause());
            }
            tiles = result.tiles();
        }
        return tiles;
    }

    /** Local paths recorded absolute, as the inputs are. */
    private static String absolute(String uri) {
        return uri == null ? null
                : Storage.localFile(uri).map(p -> p.toAbsolutePath().toString()).orElse(uri);
    }
}
