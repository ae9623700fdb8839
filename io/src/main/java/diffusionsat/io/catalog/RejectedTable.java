package diffusionsat.io.catalog;

import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;

import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * The {@code rejected} table beside a catalogue: every file or STAC Item the scan could not
 * catalogue, with the cause ({@code file}, {@code item}, {@code cause}), as Parquet ({@code
 * <catalogue>/_rejected/}, which Spark's reads of the catalogue skip) and as CSV ({@code
 * <catalogue>/_rejected.csv}). Written on every scan, empty when nothing was rejected.
 */
public final class RejectedTable {
    /** The Parquet folder, relative to the catalogue. */
    public static final String FOLDER = "_rejected";
    /** The CSV file, relative to the catalogue. */
    public static final String CSV = "_rejected.csv";

    private static final MessageType SCHEMA = Types.buildMessage()
            .required(BINARY).as(stringType()).named("file")
            .optional(BINARY).as(stringType()).named("item")
            .required(BINARY).as(stringType()).named("cause")
            .named("rejected");

    private RejectedTable() {}

    /** Writes {@code failures} beside the catalogue at {@code catalogueUri}. */
    public static void write(List<ScanFailure> failures, String catalogueUri, Storage storage) {
        String base = catalogueUri.endsWith("/")
                ? catalogueUri.substring(0, catalogueUri.length() - 1) : catalogueUri;
        writeParquet(failures, base + "/" + FOLDER + "/part-00000.parquet", storage);
        StringBuilder csv = new StringBuilder("file,item,cause\n");
        for (ScanFailure f : failures) {
            csv.append(quote(f.uri())).append(',').append(quote(f.item())).append(',')
                    .append(quote(f.cause())).append('\n');
        }
        storage.writeString(base + "/" + CSV, csv.toString());
    }

    private static void writeParquet(List<ScanFailure> failures, String uri, Storage storage) {
        Path local = null;
        try {
            local = Files.createTempFile("diffusionsat-rejected-", ".parquet");
            try (ParquetWriter<Group> writer = ExampleParquetWriter.builder(
                            new LocalOutputFile(local))
                    .withType(SCHEMA).withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
                SimpleGroupFactory rows = new SimpleGroupFactory(SCHEMA);
                for (ScanFailure f : failures) {
                    Group row = rows.newGroup().append("file", f.uri());
                    if (f.item() != null) {
                        row.append("item", f.item());
                    }
                    writer.write(row.append("cause", f.cause()));
                }
            }
            storage.publish(local, uri);
        } catch (IOException e) {
            throw new StorageException(uri, "cannot write the rejected table: " + e.getMessage(),
                    e);
        } finally {
            if (local != null) {
                local.toFile().delete();
            }
        }
    }

    /** RFC 4180: every field quoted, quotes doubled; null is an empty field. */
    private static String quote(String value) {
        return value == null ? "" : "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
