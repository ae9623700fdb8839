package diffusionsat.io.catalog;

import diffusionsat.io.ConfigException;
import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the tile catalogue as Parquet with GeoParquet 1.1 footer metadata ({@link
 * GeoParquetMetadata}), readable by {@code spark.read().parquet(outputUri)}, optionally
 * partitioned Hive-style ({@code year=2015/part-00000.parquet}) by {@code year}, {@code
 * collection} or {@code sequence_id}; the partition column then lives in the folder names only,
 * and Spark's partition discovery brings it back.
 *
 * <p>Each file is written locally and published ({@link Storage#publish}), then {@code _SUCCESS}
 * last. A catalogue already at {@code outputUri} is replaced; a folder holding anything but
 * Parquet files is refused rather than deleted.
 */
public final class CatalogWriter {
    private static final Logger log = LoggerFactory.getLogger(CatalogWriter.class);
    private static final String FILE_NAME = "part-00000.parquet";
    // Spark's name for a null partition value.
    private static final String NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__";
    private static final Map<String, Function<TileRecord, Object>> PARTITION_COLUMNS = Map.of(
            CatalogColumns.YEAR, TileRecord::year,
            CatalogColumns.COLLECTION, TileRecord::collection,
            CatalogColumns.SEQUENCE_ID, TileRecord::sequenceId);

    /** Writes {@code tiles} as the catalogue at {@code outputUri}. */
    public void write(List<TileRecord> tiles, String outputUri, Storage storage,
            Optional<String> partitionColumn) {
        requireUniqueIds(tiles);
        partitionColumn.ifPresent(CatalogWriter::requirePartitionColumn);
        String output = outputUri.endsWith("/") ? outputUri.substring(0, outputUri.length() - 1)
                : outputUri;
        clearPreviousCatalogue(output, storage);
        if (partitionColumn.isEmpty()) {
            writeFile(tiles, CatalogSchema.FULL, output + "/" + FILE_NAME, storage);
        } else {
            String column = partitionColumn.get();
            Function<TileRecord, Object> value = PARTITION_COLUMNS.get(column);
            Map<String, List<TileRecord>> partitions = tiles.stream().collect(Collectors.groupingBy(
                    tile -> column + "=" + escape(value.apply(tile)), TreeMap::new,
                    Collectors.toList()));
            MessageType schema = CatalogSchema.without(column);
            partitions.forEach((folder, rows) -> writeFile(rows, schema,
                    output + "/" + folder + "/" + FILE_NAME, storage));
        }
        storage.writeString(output + "/_SUCCESS", "");
        log.info("catalogue: wrote {} tiles to {}", tiles.size(), output);
    }

    private static void writeFile(List<TileRecord> tiles, MessageType schema, String uri,
            Storage storage) {
        Path local = null;
        try {
            local = Files.createTempFile("diffusionsat-catalogue-", ".parquet");
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                            new LocalOutputFile(local))
                    .withType(schema)
                    .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                    .withExtraMetaData(Map.of(GeoParquetMetadata.KEY,
                            GeoParquetMetadata.json(tiles)))
                    .build()) {
                for (TileRecord tile : tiles) {
                    writer.write(CatalogSchema.row(tile, schema));
                }
            }
            storage.publish(local, uri);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot write the catalogue file: " + e.getMessage(),
                    e);
        } finally {
            if (local != null) {
                local.toFile().delete();
            }
        }
    }

    private static void clearPreviousCatalogue(String output, Storage storage) {
        if (!storage.exists(output)) {
            return;
        }
        List<String> foreign = storage.list(output).stream()
                .filter(file -> !file.endsWith(".parquet")).toList();
        if (!foreign.isEmpty()) {
            throw new StorageException(output, "refusing to replace a folder that holds more "
                    + "than a catalogue, e.g. " + foreign.get(0), null);
        }
        storage.delete(output);
    }

    private static void requireUniqueIds(List<TileRecord> tiles) {
        Set<String> seen = new HashSet<>();
        for (TileRecord tile : tiles) {
            if (!seen.add(tile.id())) {
                throw new IllegalArgumentException("tile id " + tile.id() + " occurs twice");
            }
        }
    }

    private static void requirePartitionColumn(String column) {
        if (!PARTITION_COLUMNS.containsKey(column)) {
            throw new ConfigException("catalog.partitionBy", column,
                    "must be one of " + PARTITION_COLUMNS.keySet());
        }
    }

    /** A partition value as a folder name segment, escaped as Spark's discovery reads it. */
    private static String escape(Object value) {
        if (value == null) {
            return NULL_PARTITION;
        }
        StringBuilder escaped = new StringBuilder();
        for (char c : value.toString().toCharArray()) {
            if (c < 0x20 || c == 0x7F || "\"#%'*/:=?\\{[]^".indexOf(c) >= 0) {
                escaped.append('%').append(String.format("%02X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
