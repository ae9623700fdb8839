package diffusionsat.spark;

import diffusionsat.generate.GenerationProcessor;
import diffusionsat.generate.GenerationRequest;
import diffusionsat.generate.GenerationSettings;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.GeneratedImage;
import diffusionsat.sampling.SamplingInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Samples the requests of one partition through this executor's cached pipeline, one batch of
 * {@code sampler.batchSize} rows at a time (lazily). A row that fails validation becomes a
 * {@code failed} row naming it and the cause, before its batch is sampled; the rest go on.
 * Expects the columns id, caption (strings), lon, lat, gsd, cloud_cover (doubles), datetime.
 */
public record GenerateFn(GenerationSettings settings, Storage storage)
        implements PartitionFn.Work<Row, GenerationProcessor> {
    @Override
    public GenerationProcessor open() {
        return new GenerationProcessor(ExecutorModels.get(settings.model(), storage), settings,
                storage);
    }

    @Override
    public List<Row> nextBatch(GenerationProcessor processor, Iterator<Row> rows,
            PartitionProgress progress) {
        List<Row> out = new ArrayList<>();
        List<GenerationRequest> valid = new ArrayList<>();
        while (valid.size() + out.size() < settings.sampler().batchSize() && rows.hasNext()) {
            Row row = rows.next();
            String id = string(row, "id");
            try {
                valid.add(GenerationRequest.of(id, string(row, "caption"), number(row, "lon"),
                        number(row, "lat"), number(row, "gsd"), number(row, "cloud_cover"),
                        value(row, "datetime")));
            } catch (TileException e) {
                progress.failed(e);
                out.add(ResultRows.failed(id == null ? "" : id,
                        id == null ? 0 : processor.seed(id), sampling(processor), 0, e));
            }
        }
        if (!valid.isEmpty()) {
            long start = System.nanoTime();
            List<GeneratedImage> images = processor.process(valid);
            long perImageMs = (System.nanoTime() - start) / 1_000_000 / images.size();
            for (GeneratedImage image : images) {
                out.add(ResultRows.ok(image.id(), processor.imageUri(image.id()),
                        processor.seed(image.id()), sampling(processor), perImageMs, null));
            }
        }
        progress.done(out.size());
        return out;
    }

    private SamplingInfo sampling(GenerationProcessor processor) {
        return SamplingInfo.of(settings.model().checkpoint(), settings.sampler(),
                processor.batchInvariant());
    }

    private static String string(Row row, String column) {
        Object value = value(row, column);
        return value == null ? null : value.toString();
    }

    private static Double number(Row row, String column) {
        Object value = value(row, column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    private static Object value(Row row, String column) {
        if (row.schema().getFieldIndex(column).isEmpty()) {
            return null;
        }
        int i = row.fieldIndex(column);
        return row.isNullAt(i) ? null : row.get(i);
    }
}
