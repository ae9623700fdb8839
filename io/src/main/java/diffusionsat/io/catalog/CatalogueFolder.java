package diffusionsat.io.catalog;

import diffusionsat.io.ConfigException;
import diffusionsat.io.StorageException;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.Type;

/**
 * What a folder named as a tile catalogue holds, read from the Parquet footers alone (no Spark):
 * its columns (partition columns included) and its row count. A folder that is not a catalogue
 * (rasters, catalogues in sub-folders, nothing) fails with the option, the value and what to do.
 *
 * @param columns column names, file columns first, then partition columns
 * @param rows tiles in the catalogue
 */
public record CatalogueFolder(List<String> columns, long rows) {
    public CatalogueFolder {
        columns = List.copyOf(columns);
    }

    /** Inspects {@code uri}, reported as the value of {@code option} in any error. */
    public static CatalogueFolder inspect(String option, String uri, Storage storage) {
        if (!storage.exists(uri)) {
            throw new ConfigException(option, uri, "does not exist; build a catalogue with"
                    + " `diffusionsat catalog --input <rasters> --output " + uri + "`");
        }
        String base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
        List<String> parquet = new ArrayList<>();
        Set<String> nested = new TreeSet<>();
        Set<String> partitions = new LinkedHashSet<>();
        boolean rasters = false;
        for (String file : storage.list(uri)) {
            String relative = file.length() > base.length() ? file.substring(base.length() + 1)
                    : new Path(file).getName();
            String lower = relative.toLowerCase(Locale.ROOT);
            if (lower.endsWith(".parquet")) {
                List<String> folders = folders(relative);
                if (folders.stream().allMatch(f -> f.indexOf('=') > 0)) {
                    parquet.add(file);
                    folders.forEach(f -> partitions.add(f.substring(0, f.indexOf('='))));
                } else {
                    nested.add(base + "/" + folders.get(0));
                }
            } else if (RasterFiles.isRaster(lower)) {
                rasters = true;
            }
        }
        if (parquet.isEmpty()) {
            throw new ConfigException(option, uri, notACatalogue(uri, nested, rasters));
        }
        return read(option, uri, parquet, partitions, storage);
    }

    private static String notACatalogue(String uri, Set<String> nested, boolean rasters) {
        if (!nested.isEmpty()) {
            return "holds catalogues in sub-folders, not one catalogue: pass one of "
                    + String.join(", ", nested);
        }
        if (rasters) {
            return "this is a folder of rasters: run `diffusionsat catalog --input " + uri
                    + " --output <catalogue>` first and pass that catalogue";
        }
        return "is not a tile catalogue (no Parquet files under it); build one with"
                + " `diffusionsat catalog --input <rasters> --output <catalogue>`";
    }

    private static CatalogueFolder read(String option, String uri, List<String> files,
            Set<String> partitions, Storage storage) {
        List<String> columns = new ArrayList<>();
        long rows = 0;
        for (String file : files) {
            try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
                    new Path(file), storage.configuration()))) {
                rows += reader.getRecordCount();
                if (columns.isEmpty()) {
                    reader.getFooter().getFileMetaData().getSchema().getFields().stream()
                            .map(Type::getName).forEach(columns::add);
                }
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("not a Parquet file")) {
                    throw new ConfigException(option, uri, file + " is not a Parquet file");
                }
                throw new StorageException(file, "cannot read the Parquet footer: "
                        + e.getMessage(), e);
            }
        }
        partitions.stream().filter(p -> !columns.contains(p)).forEach(columns::add);
        return new CatalogueFolder(columns, rows);
    }

    private static List<String> folders(String relative) {
        List<String> parts = new ArrayList<>(List.of(relative.split("/")));
        parts.remove(parts.size() - 1);
        return parts;
    }
}
