package diffusionsat.job.superres;

import diffusionsat.superres.CountingSuperResolver;
import diffusionsat.superres.DiffusionSatSettings;
import diffusionsat.superres.SuperResolutionSettings;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many windows the DiffusionSat super-resolver will run, from the catalogue's {@code width}
 * and {@code height} (one small aggregation: the distinct tile sizes), logged once so that the
 * first progress line's unit is explained.
 *
 * @param total windows over all tiles to process
 */
record WindowPlan(long total) {
    private static final Logger log = LoggerFactory.getLogger(WindowPlan.class);

    /** The plan, or empty for a model without windows or a catalogue without tile sizes. */
    static Optional<WindowPlan> of(Dataset<Row> todo, SuperResolutionSettings settings) {
        DiffusionSatSettings model = settings.diffusionsat();
        List<String> columns = List.of(todo.columns());
        if (model == null || !columns.contains("width") || !columns.contains("height")) {
            return Optional.empty();
        }
        int window = model.window(settings.scale());
        List<Row> sizes = todo.groupBy("width", "height").agg(functions.count("*"))
                .orderBy(functions.col("count(1)").desc()).collectAsList();
        long total = 0;
        for (Row size : sizes) {
            if (size.isNullAt(0) || size.isNullAt(1)) {
                return Optional.empty(); // a hand-made catalogue without sizes
            }
            total += size.getLong(2) * CountingSuperResolver.windowsPerTile(size.getInt(0),
                    size.getInt(1), window, model.windowOverlap());
        }
        if (sizes.isEmpty()) {
            return Optional.empty();
        }
        Row common = sizes.get(0);
        log.info(String.format(Locale.ROOT, "superres: %d windows of %d input px (overlap %d):"
                        + " a %d x %d px tile is %d windows, run in batches of %d",
                total, window, model.windowOverlap(), common.getInt(0), common.getInt(1),
                CountingSuperResolver.windowsPerTile(common.getInt(0), common.getInt(1), window,
                        model.windowOverlap()), model.sampler().batchSize()));
        return Optional.of(new WindowPlan(total));
    }
}
