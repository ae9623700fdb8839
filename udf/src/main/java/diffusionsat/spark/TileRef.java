package diffusionsat.spark;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.io.storage.OutputNames;
import diffusionsat.sampling.InvalidMetadataException;
import diffusionsat.sampling.SatelliteMetadata;
import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;

/**
 * The catalogue columns a job needs of one tile (DESIGN.md §2), read from a catalogue row, with the
 * checks every job makes before touching pixels.
 */
public record TileRef(String id, String href, String targetHref, List<String> bands,
        Instant datetime, Double lon, Double lat, Double gsd, Double cloudCover,
        String radiometry)
        implements Serializable {

    /** A tile whose catalogue row does not state its radiometry. */
    public TileRef(String id, String href, String targetHref, List<String> bands,
            Instant datetime, Double lon, Double lat, Double gsd, Double cloudCover) {
        this(id, href, targetHref, bands, datetime, lon, lat, gsd, cloudCover, null);
    }

    /**
     * Reads the catalogue columns by name; absent optional columns read as null. A column of an
     * unexpected type (a text {@code lon}, a number {@code datetime}) is a {@link TileException}
     * naming the column, so that the row fails alone.
     */
    public static TileRef fromRow(Row row) {
        Object rawId = value(row, "id", Object.class, "(no id)");
        String id = rawId == null ? null : rawId.toString();
        String name = id == null ? "(no id)" : id;
        if (rawId != null && !(rawId instanceof String)) {
            throw wrongType(row, "id", "text", name);
        }
        return new TileRef(id, value(row, "href", String.class, name),
                value(row, "target_href", String.class, name), bands(row, name),
                instant(row, "datetime", name), number(row, "lon", name),
                number(row, "lat", name), number(row, "gsd", name),
                number(row, "eo:cloud_cover", name), value(row, "radiometry", String.class, name));
    }

    /** The row's id as text, "" where it has none: a failed row must name something. */
    public static String idText(Row row) {
        int i = row.schema().getFieldIndex("id").isDefined() ? row.fieldIndex("id") : -1;
        return i < 0 || row.isNullAt(i) ? "" : String.valueOf(row.get(i));
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
     *
     * @param requiredBy why the metadata is required, naming the setting that changes it (it
     *     ends the error message); null where the job needs none
     */
    public void validate(String requiredBy) {
        String name = id == null ? "(no id)" : id;
        OutputNames.problem(id).ifPresent(problem -> {
            throw new TileException(name, problem);
        });
        if (href == null || href.isBlank()) {
            throw new TileException(id, "no raster href in the catalogue");
        }
        if (requiredBy == null) {
            return;
        }
        StringBuilder missing = new StringBuilder();
        appendIfNull(missing, lon, "lon");
        appendIfNull(missing, lat, "lat");
        appendIfNull(missing, gsd, "gsd");
        appendIfNull(missing, datetime, "datetime");
        if (!missing.isEmpty()) {
            throw new TileException(id, "missing metadata: " + missing + " (" + requiredBy + ")");
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

    private static Double number(Row row, String column, String tileId) {
        Number value = value(row, column, Number.class, tileId);
        return value == null ? null : value.doubleValue();
    }

    private static Instant instant(Row row, String column, String tileId) {
        Object value = value(row, column, Object.class, tileId);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp time) {
            return time.toInstant();
        }
        if (value instanceof Instant time) {
            return time;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        throw wrongType(row, column, "a timestamp or date", tileId);
    }

    private static List<String> bands(Row row, String tileId) {
        Object value = value(row, "bands", Object.class, tileId);
        if (value == null) {
            return List.of();
        }
        Iterable<?> items = value instanceof scala.collection.Seq<?> seq
                ? scala.jdk.javaapi.CollectionConverters.asJava(seq)
                : value instanceof List<?> list ? list : null;
        if (items != null) {
            List<String> names = new ArrayList<>();
            for (Object band : items) {
                if (!(band instanceof String bandName)) {
                    throw wrongType(row, "bands", "a list of band names", tileId);
                }
                names.add(bandName);
            }
            return List.copyOf(names);
        }
        throw wrongType(row, "bands", "a list of band names", tileId);
    }

    private static <T> T value(Row row, String column, Class<T> type, String tileId) {
        if (row.schema() == null || row.schema().getFieldIndex(column).isEmpty()) {
            return null;
        }
        int i = row.fieldIndex(column);
        if (row.isNullAt(i)) {
            return null;
        }
        Object value = row.get(i);
        if (!type.isInstance(value)) {
            throw wrongType(row, column, type == Number.class ? "a number" : "text", tileId);
        }
        return type.cast(value);
    }

    private static TileException wrongType(Row row, String column, String expected,
            String tileId) {
        return new TileException(tileId, "catalogue column " + column + " holds "
                + row.schema().apply(column).dataType().simpleString() + " where " + expected
                + " is expected");
    }
}
