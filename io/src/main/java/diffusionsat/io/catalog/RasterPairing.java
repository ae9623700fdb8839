package diffusionsat.io.catalog;

import diffusionsat.io.storage.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Pairs each catalogued input with a raster of another set, its high-resolution target or its
 * mask, by this rule (README "Your own targets and masks"):
 *
 * <ol>
 *   <li>a set given as one file pairs that file with every input;
 *   <li>else the same pair key: the file name without its extension and without one trailing
 *       role suffix ({@code _lr}, {@code _hr}, {@code _input}, {@code _target}, {@code _mask},
 *       {@code _clm}, {@code _cloudmask}, also with {@code -}), case ignored: {@code
 *       a_lr.png} pairs with {@code a_hr.png}, {@code x.tif} with {@code targets/x.tif};
 *   <li>else, for georeferenced rasters, footprint overlap and date: the candidate whose lon/lat
 *       box covers at least {@code minOverlap} of the smaller of the two boxes, and, when both
 *       are dated, lies within {@code maxDays} of the input; the largest overlap wins, then the
 *       nearest date.
 * </ol>
 *
 * @param minOverlap the overlap share of rule 3, in (0, 1]
 * @param maxDays the date window of rule 3, in days
 */
public record RasterPairing(double minOverlap, double maxDays) {
    private static final Pattern ROLE_SUFFIX = Pattern.compile(
            "[_-](lr|hr|input|target|mask|clm|cloudmask)$");

    /** Which column a pairing fills. */
    public enum Role {
        TARGET,
        MASK
    }

    /**
     * What a pairing did.
     *
     * @param tiles the inputs, with the column filled where a pair was found
     * @param unmatched ids of the inputs left without a pair
     * @param unused candidates no input took
     * @param unreadable candidates that could not be described, with the cause
     */
    public record Result(List<TileRecord> tiles, List<String> unmatched, List<String> unused,
            List<ScanFailure> unreadable) {}

    public RasterPairing {
        if (!(minOverlap > 0 && minOverlap <= 1)) {
            throw new IllegalArgumentException("minOverlap must be in (0, 1]: " + minOverlap);
        }
        if (!(maxDays >= 0)) {
            throw new IllegalArgumentException("maxDays must be >= 0: " + maxDays);
        }
    }

    /** The raster files of a {@code --targets} or {@code --masks} value (a file or a folder). */
    public static List<String> files(String uri, Storage storage) {
        return storage.list(uri, RasterFiles.SUFFIXES.toArray(String[]::new));
    }

    /** Pairs {@code inputs} with the rasters at {@code candidatesUri}. */
    public Result pair(List<TileRecord> inputs, String candidatesUri, Role role,
            Storage storage) {
        List<String> files = files(candidatesUri, storage);
        List<TileRecord> out = new ArrayList<>();
        List<String> unmatched = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        if (files.size() == 1 && files.get(0).equals(candidatesUri)) {
            inputs.forEach(tile -> out.add(with(tile, role, candidatesUri)));
            return new Result(out, List.of(), List.of(), List.of());
        }
        ScanResult described = new CatalogScanner().scan(candidatesUri, storage);
        for (TileRecord input : inputs) {
            Optional<TileRecord> match = byKey(input, described.tiles())
                    .or(() -> byFootprint(input, described.tiles()));
            if (match.isPresent()) {
                used.add(match.get().href());
                out.add(with(input, role, match.get().href()));
            } else {
                unmatched.add(input.id());
                out.add(input);
            }
        }
        List<String> unused = described.tiles().stream().map(TileRecord::href)
                .filter(href -> !used.contains(href)).toList();
        return new Result(out, unmatched, unused, described.failures());
    }

    /** The file name's pair key (rule 2). */
    static String pairKey(String uri) {
        String stem = TileIds.stem(uri).toLowerCase(Locale.ROOT);
        return ROLE_SUFFIX.matcher(stem).replaceFirst("");
    }

    private static Optional<TileRecord> byKey(TileRecord input, List<TileRecord> candidates) {
        String key = pairKey(input.href());
        return candidates.stream().filter(c -> pairKey(c.href()).equals(key)).findFirst();
    }

    private Optional<TileRecord> byFootprint(TileRecord input, List<TileRecord> candidates) {
        if (input.geometryWkb() == null) {
            return Optional.empty();
        }
        double[] box = bounds(input.geometryWkb());
        return candidates.stream()
                .filter(c -> c.geometryWkb() != null && overlap(box, bounds(c.geometryWkb()))
                        >= minOverlap && withinDays(input, c))
                .max(Comparator.<TileRecord>comparingDouble(
                        c -> overlap(box, bounds(c.geometryWkb())))
                        .thenComparing(c -> -days(input, c)));
    }

    private boolean withinDays(TileRecord a, TileRecord b) {
        return a.datetime() == null || b.datetime() == null || days(a, b) <= maxDays;
    }

    private static double days(TileRecord a, TileRecord b) {
        if (a.datetime() == null || b.datetime() == null) {
            return 0;
        }
        return Math.abs(Duration.between(a.datetime(), b.datetime()).toSeconds()) / 86400.0;
    }

    private static double[] bounds(byte[] wkb) {
        double[] box = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE,
            -Double.MAX_VALUE};
        GeoParquetMetadata.extendByWkb(box, wkb);
        return box;
    }

    /** The intersection's area over the smaller box's area (0 when they do not meet). */
    static double overlap(double[] a, double[] b) {
        double width = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double height = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (width <= 0 || height <= 0) {
            return 0;
        }
        double smaller = Math.min((a[2] - a[0]) * (a[3] - a[1]), (b[2] - b[0]) * (b[3] - b[1]));
        return smaller > 0 ? width * height / smaller : 0;
    }

    private static TileRecord with(TileRecord tile, Role role, String href) {
        return role == Role.TARGET ? tile.withTargetHref(href) : tile.withMaskHref(href);
    }
}
