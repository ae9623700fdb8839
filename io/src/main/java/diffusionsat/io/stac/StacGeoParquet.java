package diffusionsat.io.stac;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import diffusionsat.io.StorageException;
import diffusionsat.io.raster.Gdal;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.gdal.ogr.Geometry;
import org.gdal.ogr.ogr;

/**
 * Reads stac-geoparquet (one row per Item: the Item's top-level fields as columns, its
 * properties lifted to top-level columns, {@code geometry} as WKB, {@code assets} a struct of
 * structs) back into Item JSON, so it is catalogued by the same code as JSON Items. Structs
 * become objects, lists arrays, maps objects, timestamps ISO instants; a {@code bbox} struct
 * ({@code xmin, ymin, xmax, ymax}) becomes the array of GeoJSON.
 */
final class StacGeoParquet {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TOP_LEVEL = Set.of("type", "stac_version",
            "stac_extensions", "id", "geometry", "bbox", "links", "assets", "collection");

    private StacGeoParquet() {}

    /**
     * The Items of a stac-geoparquet file, or of the Parquet files of a folder (as Spark writes
     * one); relative asset hrefs are relative to {@code uri} itself, the file or the folder.
     */
    static List<StacItemSource> read(String uri, Storage storage) {
        List<StacItemSource> items = new ArrayList<>();
        for (String file : storage.list(uri, ".parquet")) {
            readFile(file, uri, storage, items);
        }
        return items;
    }

    private static void readFile(String uri, String documentUri, Storage storage,
            List<StacItemSource> items) {
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
                new Path(uri)).withConf(storage.configuration()).build()) {
            int row = 0;
            for (Group group = reader.read(); group != null; group = reader.read()) {
                items.add(new StacItemSource(JSON.writeValueAsString(item(group)),
                        documentUri, uri + " row " + row++));
            }
        } catch (IOException e) {
            throw new StorageException(uri, "cannot read stac-geoparquet: " + e.getMessage(), e);
        }
    }

    private static ObjectNode item(Group row) {
        ObjectNode item = NODES.objectNode();
        ObjectNode properties = NODES.objectNode();
        GroupType schema = row.getType();
        for (int f = 0; f < schema.getFieldCount(); f++) {
            if (row.getFieldRepetitionCount(f) == 0) {
                continue; // a null column: the Item has no such field
            }
            String name = schema.getFieldName(f);
            JsonNode value = field(row, f);
            if (name.equals("geometry") && value instanceof BinaryNode wkb) {
                value = geometry(wkb.binaryValue());
            } else if (name.equals("bbox")) {
                value = bbox(value);
            }
            (TOP_LEVEL.contains(name) ? item : properties).set(name, value);
        }
        item.set("properties", properties);
        item.putIfAbsent("type", NODES.textNode("Feature"));
        return item;
    }

    private static JsonNode field(Group group, int f) {
        Type type = group.getType().getType(f);
        if (type.isRepetition(Type.Repetition.REPEATED)) {
            ArrayNode values = NODES.arrayNode();
            for (int i = 0; i < group.getFieldRepetitionCount(f); i++) {
                values.add(value(group, f, i));
            }
            return values;
        }
        return value(group, f, 0);
    }

    private static JsonNode value(Group group, int f, int index) {
        Type type = group.getType().getType(f);
        if (type.isPrimitive()) {
            return primitive(group, f, index, type.asPrimitiveType());
        }
        Group child = group.getGroup(f, index);
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation) {
            ArrayNode values = NODES.arrayNode();
            for (int i = 0; i < child.getFieldRepetitionCount(0); i++) {
                Group element = child.getGroup(0, i); // the repeated "list" level
                values.add(element.getFieldRepetitionCount(0) == 0 ? NODES.nullNode()
                        : value(element, 0, 0));
            }
            return values;
        }
        if (logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation) {
            ObjectNode map = NODES.objectNode();
            for (int i = 0; i < child.getFieldRepetitionCount(0); i++) {
                Group entry = child.getGroup(0, i);
                map.set(entry.getString(0, 0), entry.getFieldRepetitionCount(1) == 0
                        ? NODES.nullNode() : value(entry, 1, 0));
            }
            return map;
        }
        ObjectNode object = NODES.objectNode();
        for (int c = 0; c < child.getType().getFieldCount(); c++) {
            if (child.getFieldRepetitionCount(c) > 0) {
                object.set(child.getType().getFieldName(c), field(child, c));
            }
        }
        return object;
    }

    private static JsonNode primitive(Group group, int f, int i, PrimitiveType type) {
        LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
        return switch (type.getPrimitiveTypeName()) {
            case BINARY, FIXED_LEN_BYTE_ARRAY -> logical == null
                    ? NODES.binaryNode(group.getBinary(f, i).getBytes())
                    : NODES.textNode(group.getString(f, i));
            case BOOLEAN -> NODES.booleanNode(group.getBoolean(f, i));
            case INT32 -> NODES.numberNode(group.getInteger(f, i));
            case INT64 -> logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                    ? NODES.textNode(instant(group.getLong(f, i), t.getUnit()).toString())
                    : NODES.numberNode(group.getLong(f, i));
            case FLOAT -> NODES.numberNode(group.getFloat(f, i));
            case DOUBLE -> NODES.numberNode(group.getDouble(f, i));
            case INT96 -> throw new IllegalArgumentException("INT96 timestamps are not read; "
                    + "write timestamps as INT64");
        };
    }

    private static Instant instant(long value, LogicalTypeAnnotation.TimeUnit unit) {
        return switch (unit) {
            case MILLIS -> Instant.ofEpochMilli(value);
            case MICROS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000L),
                    Math.floorMod(value, 1_000_000L) * 1000L);
            case NANOS -> Instant.ofEpochSecond(Math.floorDiv(value, 1_000_000_000L),
                    Math.floorMod(value, 1_000_000_000L));
        };
    }

    private static JsonNode geometry(byte[] wkb) {
        Gdal.ensureRegistered();
        Geometry geometry = ogr.CreateGeometryFromWkb(wkb);
        try {
            return JSON.readTree(geometry.ExportToJson());
        } catch (IOException e) {
            throw new IllegalStateException("OGR wrote invalid GeoJSON", e);
        } finally {
            geometry.delete();
        }
    }

    private static JsonNode bbox(JsonNode bbox) {
        if (!bbox.isObject()) {
            return bbox;
        }
        ArrayNode array = NODES.arrayNode();
        for (String key : List.of("xmin", "ymin", "xmax", "ymax")) {
            array.add(bbox.path(key).asDouble());
        }
        return array;
    }
}
