package diffusionsat.spark;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.GeneratedImageEvaluator;
import diffusionsat.evaluation.InceptionFeatures;
import diffusionsat.io.TileException;
import diffusionsat.io.storage.Storage;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real side of a generated set's FID: the Inception features of one partition of catalogue
 * rows (id, href) as {@link EvaluationRows#WITH_FEATURES} target rows. An unreadable image (a
 * data problem) is logged and left out of the reference set; a store that fails (not the image's
 * fault) fails the task, so that Spark retries it and no image silently drops out of FID.
 */
public final class ReferenceFeaturesFn implements MapPartitionsFunction<Row, Row> {
    private static final Logger log = LoggerFactory.getLogger(ReferenceFeaturesFn.class);

    private final EvaluationSettings settings;
    private final Storage storage;
    private final String catalogUri;
    private final String task;

    public ReferenceFeaturesFn(EvaluationSettings settings, Storage storage, String catalogUri,
            String task) {
        this.settings = settings;
        this.storage = storage;
        this.catalogUri = catalogUri;
        this.task = task;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        GeneratedImageEvaluator reader = new GeneratedImageEvaluator(settings, storage);
        List<Row> out = new ArrayList<>();
        while (rows.hasNext()) {
            Row row = rows.next();
            String id = row.getAs("id");
            String href = row.getAs("href");
            try {
                InceptionFeatures features = reader.referenceFeatures(id,
                        storage.resolve(catalogUri, href));
                out.add(EvaluationRows.target(new EvaluationTile(id, null, null, href, null, null,
                        null, null, null), task, features));
            } catch (TileException e) {
                log.warn("reference image {} left out of FID: {}", id, e.getMessage());
            }
        }
        return out.iterator();
    }
}
