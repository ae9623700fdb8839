package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.sampling.InvalidMetadataException;
import diffusionsat.sampling.SatelliteMetadata;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;

/**
 * The catalogue columns a job needs of one tile (DESIGN.md §2), read from a catalogue row, with the
 * checks every job makes before touching pixels.
 */
public record TileRef(String id, String href, String targetHref, List<String> bands,
        Instant datetime, Double lon, Double lat, Double gsd, Double cloudCover,
        String radiometry)
        implements Serializable {
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._-]+");

    /** A tile whose catalogue row does not state its radiometry. */
    public TileRef(String id, String href, String targetHref, List<String> bands,
            Instant datetime, Double lon, Double lat, Double gsd, Double cloudCover) {
        this(id, href, targetHref, bands, datetime, lon, lat, gsd, cloudCover, null);
    }

    /** Reads the catalogue columns by name; absent optional columns read as null. */
    public static TileRef fromRow(Row row) {
        Timestamp time = value(row, "datetime");
        List<String> bands = row.schema().getFieldIndex("bands").isDefined()
                && !row.isNullAt(row.fieldIndex("bands"))
                ? row.getList(row.fieldIndex("bands")) : List.of();
        return new TileRef(value(row, "id"), value(row, "href"), value(row, "target_href"),
                List.copyOf(bands), time == null ? null : time.toInstant(), value(row, "lon"),
                value(row, "lat"), value(row, "gsd"), value(row, "eo:cloud_cover"),
                value(row, "radiometry"));
    }

    /**
     * How the tile's values are stored: the catalogue's {@code radiometry} column, else {@code
     * fallback} ({@code io.radiometry}); a TileException for a value that is none.
     */
    public Radiometry radiometryOr(Radiometry fallback) {
        if (radiometry == null || radiometry.isBlank()) {
            return fallback;
        }
        try {
            return Radiometry.fromKey(radiometry);
        } catch (IllegalArgumentException e) {
            throw new TileException(id, "catalogue column radiometry: " + e.getMessage());
        }
    }

    /** Where {@link #radiometryOr} took the radiometry from, for messages. */
    public String radiometrySetting() {
        return radiometry == null || radiometry.isBlank() ? "io.radiometry"
                : "the catalogue's radiometry column";
    }

    /**
     * Checks what makes a tile unusable before any pixel is read: an id that could escape the
     * output folder, no raster reference, and (where required) missing model metadata
     * (DESIGN.md §2: a missing position, GSD or date is an error, never silently zero).
     */
    public void validate(boolean requireMetadata) {
        String name = id == null ? "(no id)" : id;
        if (id == null || !SAFE_ID.matcher(id).matches()) {
            throw new TileException(name, "id must match [A-Za-z0-9._-]+ (it names output files)");
        }
        if (href == null || href.isBlank()) {
            throw new TileException(id, "no raster href in the catalogue");
        }
        if (!requireMetadata) {
            return;
        }
        StringBuilder missing = new StringBuilder();
        appendIfNull(missing, lon, "lon");
        appendIfNull(missing, lat, "lat");
        appendIfNull(missing, gsd, "gsd");
        appendIfNull(missing, datetime, "datetime");
        if (!missing.isEmpty()) {
            throw new TileException(id, "missing metadata: " + missing);
        }
    }

    /**
     * The tile's model metadata (DIFFUSIONSAT.md §1.1), its GSD that of the raster's pixels:
     * empty where lon, lat, GSD or date is missing; a missing cloud cover is 0, as upstream has
     * for datasets without one (DESIGN.md §2).
     *
     * @throws TileException when a value is out of the model's range
     */
    public Optional<SatelliteMetadata> satelliteMetadata() {
        if (lon == null || lat == null || gsd == null || datetime == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SatelliteMetadata(lon, lat, gsd,
                    cloudCover == null ? 0 : cloudCover,
                    datetime.atZone(ZoneOffset.UTC).toLocalDate()));
        } catch (InvalidMetadataException e) {
            throw new TileException(id, e.getMessage(), e);
        }
    }

    private static void appendIfNull(StringBuilder out, Object value, String name) {
        if (value == null) {
            out.append(out.isEmpty() ? "" : ", ").append(name);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T value(Row row, String column) {
        if (row.schema().getFieldIndex(column).isEmpty()) {
            return null;
        }
        int i = row.fieldIndex(column);
        return row.isNullAt(i) ? null : (T) row.get(i);
    }
}
