package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import diffusionsat.io.TileException;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import scala.jdk.javaapi.CollectionConverters;

/** Catalogue values of the wrong type fail their row naming the column (issue 13). */
class TileRefTest {

    private static Row row(String column, DataType type, Object value) {
        StructType schema = new StructType().add("id", DataTypes.StringType)
                .add("href", DataTypes.StringType).add(column, type);
        return new GenericRowWithSchema(new Object[] {"t1", "a.tif", value}, schema);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"lon, a number", "lat, a number", "gsd, a number", "eo:cloud_cover, a number",
        "datetime, a timestamp or date", "href, text", "bands, a list of band names"})
    void aTextValueWhereAnotherTypeIsExpectedNamesTheColumn(String column, String expected) {
        Row row = column.equals("href")
                ? new GenericRowWithSchema(new Object[] {"t1", 7L}, new StructType()
                        .add("id", DataTypes.StringType).add("href", DataTypes.LongType))
                : row(column, DataTypes.StringType, "east");
        TileException e = assertThrows(TileException.class, () -> TileRef.fromRow(row));
        assertAll(() -> assertTrue(e.getMessage().startsWith("tile t1: catalogue column "
                        + column + " holds"), e.getMessage()),
                () -> assertTrue(e.getMessage().contains(expected), e.getMessage()));
    }

    @Test
    void numbersOfAnyWidthAndSparkArraysRead() {
        StructType schema = new StructType().add("id", DataTypes.StringType)
                .add("href", DataTypes.StringType).add("lon", DataTypes.FloatType)
                .add("gsd", DataTypes.IntegerType)
                .add("bands", DataTypes.createArrayType(DataTypes.StringType))
                .add("datetime", DataTypes.TimestampType);
        TileRef tile = TileRef.fromRow(new GenericRowWithSchema(new Object[] {"t1", "a.tif",
            14.5f, 10, CollectionConverters.asScala(List.of("B02", "B03")).toSeq(),
            Timestamp.valueOf("2015-07-11 10:00:00")}, schema));
        assertAll(() -> assertEquals(14.5, tile.lon()), () -> assertEquals(10.0, tile.gsd()),
                () -> assertEquals(List.of("B02", "B03"), tile.bands()));
    }

    @Test
    void aNumericIdIsNamedInTheError() {
        Row row = new GenericRowWithSchema(new Object[] {42L}, new StructType()
                .add("id", DataTypes.LongType));
        assertTrue(assertThrows(TileException.class, () -> TileRef.fromRow(row)).getMessage()
                .startsWith("tile 42: catalogue column id holds bigint"));
    }
}
