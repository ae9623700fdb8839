package diffusionsat.io.catalog;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.DOUBLE;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT32;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import diffusionsat.io.raster.GeoTransform;
import java.util.List;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The catalogue's Parquet schema (names from {@link CatalogColumns}; lists in the standard
 * three-level LIST layout, timestamps as UTC microseconds, as Spark writes them) and the
 * conversion of a {@link TileRecord} to a row of it.
 */
final class CatalogSchema {
    /** Every column; a partitioned file leaves its partition column out. */
    static final MessageType FULL = Types.buildMessage()
            .required(BINARY).as(stringType()).named(CatalogColumns.ID)
            .required(BINARY).as(stringType()).named(CatalogColumns.COLLECTION)
            .optional(BINARY).as(stringType()).named(CatalogColumns.SEQUENCE_ID)
            .optional(INT64).as(timestampType(true, TimeUnit.MICROS))
            .named(CatalogColumns.DATETIME)
            .optional(INT32).named(CatalogColumns.YEAR)
            .required(BINARY).as(stringType()).named(CatalogColumns.HREF)
            .optional(BINARY).as(stringType()).named(CatalogColumns.TARGET_HREF)
            .optionalList().requiredElement(BINARY).as(stringType()).named(CatalogColumns.BANDS)
            .optional(DOUBLE).named(CatalogColumns.GSD)
            .optional(DOUBLE).named(CatalogColumns.CLOUD_COVER)
            .optional(DOUBLE).named(CatalogColumns.LON)
            .optional(DOUBLE).named(CatalogColumns.LAT)
            .optional(INT32).named(CatalogColumns.EPSG)
            .optionalList().requiredElement(DOUBLE).named(CatalogColumns.BBOX)
            .optional(BINARY).named(CatalogColumns.GEOMETRY)
            .optional(BINARY).as(stringType()).named(CatalogColumns.CAPTION)
            .optional(BINARY).as(stringType()).named(CatalogColumns.MASK_HREF)
            .required(INT32).named(CatalogColumns.WIDTH)
            .required(INT32).named(CatalogColumns.HEIGHT)
            .optional(BINARY).as(stringType()).named(CatalogColumns.CRS_WKT)
            .optionalList().requiredElement(DOUBLE).named(CatalogColumns.TRANSFORM)
            .optional(BINARY).as(stringType()).named(CatalogColumns.RADIOMETRY)
            .named("tile_catalogue");

    private CatalogSchema() {}

    /** The schema without {@code column} (a partition column lives in the folder name). */
    static MessageType without(String column) {
        return new MessageType(FULL.getName(), FULL.getFields().stream()
                .filter(field -> !field.getName().equals(column)).toList());
    }

    /** One row of {@code schema}; columns missing from the schema are left out. */
    static Group row(TileRecord tile, MessageType schema) {
        Group row = new SimpleGroupFactory(schema).newGroup();
        Writer w = new Writer(row, schema);
        w.string(CatalogColumns.ID, tile.id());
        w.string(CatalogColumns.COLLECTION, tile.collection());
        w.string(CatalogColumns.SEQUENCE_ID, tile.sequenceId());
        if (tile.datetime() != null && schema.containsField(CatalogColumns.DATETIME)) {
            row.append(CatalogColumns.DATETIME,
                    ChronoUnit.MICROS.between(Instant.EPOCH, tile.datetime()));
        }
        w.integer(CatalogColumns.YEAR, tile.year());
        w.string(CatalogColumns.HREF, tile.href());
        w.string(CatalogColumns.TARGET_HREF, tile.targetHref());
        w.strings(CatalogColumns.BANDS, tile.bands());
        w.number(CatalogColumns.GSD, tile.gsd());
        w.number(CatalogColumns.CLOUD_COVER, tile.cloudCover());
        w.number(CatalogColumns.LON, tile.lon());
        w.number(CatalogColumns.LAT, tile.lat());
        w.integer(CatalogColumns.EPSG, tile.epsg());
        w.numbers(CatalogColumns.BBOX, tile.bbox());
        if (tile.geometryWkb() != null && schema.containsField(CatalogColumns.GEOMETRY)) {
            row.append(CatalogColumns.GEOMETRY, Binary.fromConstantByteArray(tile.geometryWkb()));
        }
        w.string(CatalogColumns.CAPTION, tile.caption());
        w.string(CatalogColumns.MASK_HREF, tile.maskHref());
        w.integer(CatalogColumns.WIDTH, tile.width());
        w.integer(CatalogColumns.HEIGHT, tile.height());
        w.string(CatalogColumns.CRS_WKT, tile.crsWkt());
        w.numbers(CatalogColumns.TRANSFORM, GeoTransform.fromGdal(tile.geoTransform()).toStac());
        w.string(CatalogColumns.RADIOMETRY, tile.radiometry());
        return row;
    }

    /** Appends non-null values to the columns the schema has. */
    private record Writer(Group row, MessageType schema) {
        void string(String column, String value) {
            if (value != null && schema.containsField(column)) {
                row.append(column, value);
            }
        }

        void integer(String column, Integer value) {
            if (value != null && schema.containsField(column)) {
                row.append(column, value.intValue());
            }
        }

        void number(String column, Double value) {
            if (value != null && schema.containsField(column)) {
                row.append(column, value.doubleValue());
            }
        }

        void strings(String column, List<String> values) {
            if (schema.containsField(column)) {
                Group list = row.addGroup(column);
                values.forEach(value -> list.addGroup(0).append("element", value));
            }
        }

        void numbers(String column, double[] values) {
            if (values != null && schema.containsField(column)) {
                Group list = row.addGroup(column);
                for (double value : values) {
                    list.addGroup(0).append("element", value);
                }
            }
        }
    }
}
