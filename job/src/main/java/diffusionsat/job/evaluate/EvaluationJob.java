package diffusionsat.job.evaluate;

import diffusionsat.evaluation.EvaluationSettings;
import diffusionsat.evaluation.RoleMetrics;
import diffusionsat.io.ConfigException;
import diffusionsat.io.catalog.CatalogColumns;
import diffusionsat.io.storage.Storage;
import diffusionsat.job.Columns;
import diffusionsat.job.JobReport;
import diffusionsat.job.OneFile;
import diffusionsat.job.PartitionRun;
import diffusionsat.job.ProgressReporter;
import diffusionsat.job.RunFolder;
import diffusionsat.job.TileTables;
import diffusionsat.job.config.RunConfig;
import diffusionsat.job.report.ReportSettings;
import diffusionsat.job.report.ReportWriter;
import diffusionsat.spark.EvaluationFn;
import diffusionsat.spark.EvaluationRows;
import diffusionsat.spark.PartitionFn;
import diffusionsat.spark.ReferenceFeaturesFn;
import diffusionsat.spark.ResultRows;
import diffusionsat.spark.TemporalRows;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code evaluate} job (DESIGN.md §1, §7): a job's results joined with the catalogue → per
 * tile metrics and Inception features ({@link EvaluationFn}) → {@code metrics/}; FID and IS per
 * set ({@link SetMetrics}) → {@code summary/} (with the change against the previous run) and
 * {@code report/index.html}, then {@code _SUCCESS}.
 */
public final class EvaluationJob {
    public static final String NAME = "evaluate";
    /** The job whose outputs are generated from captions ({@link #isGenerated}). */
    private static final String GENERATED_TASK = "generate";
    /** The job whose outputs are predictions at dates, matched to real frames by date. */
    private static final String TEMPORAL_TASK = "temporal";
    private static final Logger log = LoggerFactory.getLogger(EvaluationJob.class);

    private final String catalogUri;
    private final Optional<String> where;
    private final JobRun results;
    private final RunFolder run;
    private final RunConfig runConfig;
    private final EvaluationSettings settings;
    private final ReportSettings reportSettings;
    private final String namedPrevious;
    private final Storage storage;

    /**
     * @param namedPrevious an earlier evaluation run folder to compare with, or null for the
     *     latest earlier run beside this one
     */
    public EvaluationJob(String catalogUri, Optional<String> where, JobRun results, RunFolder run,
            RunConfig runConfig, EvaluationSettings settings, ReportSettings reportSettings,
            String namedPrevious, Storage storage) {
        this.catalogUri = catalogUri;
        this.where = where;
        this.results = results;
        this.run = run;
        this.runConfig = runConfig;
        this.settings = settings;
        this.reportSettings = reportSettings;
        this.namedPrevious = namedPrevious;
        this.storage = storage;
    }

    /** Evaluates every finished tile of the results and writes the tables and the report. */
    public JobReport run(SparkSession spark) {
        Dataset<Row> resultRows = spark.read().schema(TileTables.RESULTS_TABLE)
                .parquet(results.results());
        EvaluationProvenance provenance = new EvaluationProvenance(results.task(),
                results.root(), catalogUri);
        Optional<JobReport> kept = finishedBefore(spark, provenance);
        if (kept.isPresent()) {
            return runConfig.dryRun() ? dryRun(0, kept.get().total(), 0) : kept.get();
        }
        long resultsTotal = resultRows.count();
        Column finished = functions.col("status").equalTo(ResultRows.OK);
        long jobFailed = resultRows.filter(functions.col("status").equalTo(ResultRows.FAILED))
                .count();
        long jobSkipped = resultRows.filter(functions.col("status").equalTo(TemporalRows.SKIPPED)).count();
        boolean generated = isGenerated(results.task());
        Dataset<Row> tiles = (generated ? generatedTiles(resultRows.filter(finished))
                : catalogueTiles(spark, resultRows.filter(finished)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long total = tiles.count();
        log.info("{}: {} finished tiles of {} to evaluate ({} failed and {} skipped in the job)",
                NAME, total, results.root(), jobFailed, jobSkipped);

        int partitions = partitions(total);
        if (runConfig.dryRun()) {
            tiles.unpersist();
            return dryRun(total, 0, partitions);
        }
        LongAccumulator done = spark.sparkContext().longAccumulator("tiles.done");
        LongAccumulator failed = spark.sparkContext().longAccumulator("tiles.failed");
        PartitionFn<Row, ?> fn = new PartitionFn<>("tiles", new EvaluationFn(settings, storage,
                catalogUri, results.task(), generated), done, failed);
        Dataset<Row> outputs = tiles.repartition(partitions)
                .mapPartitions(fn, Encoders.row(EvaluationRows.WITH_FEATURES));
        Dataset<Row> evaluated = (generated && settings.hasInception()
                ? outputs.union(referenceImages(spark)) : outputs)
                .persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> metrics = evaluated
                .filter(functions.col("role").notEqual(RoleMetrics.TARGET))
                .select(Columns.of(EvaluationRows.SCHEMA.fieldNames()));
        try (ProgressReporter progress = new ProgressReporter(NAME, total, done, failed,
                runConfig.progressIntervalSeconds())) {
            OneFile.of(metrics).write().mode(SaveMode.Overwrite).parquet(run.metrics());
        }
        SetMetrics setMetrics = new SetMetrics(evaluated, settings.inceptionScoreSplits());
        EvaluationOutcome outcome = new OutcomeBuilder(spark, storage, results, run, catalogUri)
                .build(metrics, setMetrics, settings, resultsTotal, jobFailed, jobSkipped,
                        namedPrevious, reportSettings);
        SummaryFiles.write(spark, storage, run.summary(), outcome);
        new ReportWriter(storage, run.root() + "/report", reportSettings, settings, catalogUri)
                .write(outcome, metrics, tiles);
        evaluated.unpersist();
        tiles.unpersist();
        provenance.write(storage, run.root());
        storage.writeString(run.success(), "");
        JobReport report = new JobReport(NAME, run.root(), outcome.evaluated(),
                outcome.evaluated() - outcome.evaluationFailed(), outcome.evaluationFailed(), 0);
        log.info("{}", report);
        return report;
    }

    /**
     * A rerun of a finished evaluation run id is kept as it is (its tables and report); one that
     * holds a finished evaluation of other results is refused, as a new run id is what is meant.
     */
    private Optional<JobReport> finishedBefore(SparkSession spark,
            EvaluationProvenance provenance) {
        if (!storage.exists(run.success())) {
            return Optional.empty();
        }
        Optional<EvaluationProvenance> earlier = EvaluationProvenance.read(storage, run.root());
        if (earlier.isPresent() && !earlier.get().equals(provenance)) {
            throw new ConfigException("--run-id", run.root(), "already holds a finished"
                    + " evaluation of " + earlier.get().results() + " on "
                    + earlier.get().catalog() + "; choose another run id");
        }
        List<Row> models = spark.read().parquet(run.metrics())
                .filter(functions.col("role").equalTo(RoleMetrics.MODEL))
                .groupBy().agg(functions.count("*"), functions.sum(functions.when(
                        functions.col("status").equalTo(ResultRows.FAILED), 1).otherwise(0)))
                .collectAsList();
        long evaluated = models.get(0).getLong(0);
        long failed = models.get(0).isNullAt(1) ? 0 : models.get(0).getLong(1);
        log.info("{}: {} is finished; kept unchanged (a new --run-id evaluates again)", NAME,
                run.root());
        return Optional.of(new JobReport(NAME, run.root(), evaluated, evaluated - failed, failed,
                evaluated));
    }

    /** The partitions {@code count} tiles (or images) are evaluated in. */
    private int partitions(long count) {
        return (int) Math.max(1, (count + runConfig.tilesPerPartition() - 1)
                / runConfig.tilesPerPartition());
    }

    /**
     * A dry run's report: {@code todo} finished tiles of the results to evaluate, or, where this
     * run id holds a finished evaluation of them, its {@code carried} tiles kept; nothing is
     * written.
     */
    private JobReport dryRun(long todo, long carried, int partitions) {
        JobReport report = JobReport.planned(NAME, run.root(), todo, carried, partitions);
        log.info("{}", report);
        return report;
    }

    /** Whether a job's outputs are generated images, evaluated without input or target. */
    public static boolean isGenerated(String task) {
        return GENERATED_TASK.equals(task);
    }

    /**
     * The real images a generated set's FID compares with: every catalogue image (after
     * {@code --where}), as target rows with their Inception features.
     */
    private Dataset<Row> referenceImages(SparkSession spark) {
        Dataset<Row> images = catalog(spark).select(CatalogColumns.ID, CatalogColumns.HREF);
        long count = images.count();
        log.info("{}: {} catalogue images are the real set of FID", NAME, count);
        return images.repartition(partitions(count)).mapPartitions(new ReferenceFeaturesFn(settings,
                storage, catalogUri, results.task()),
                Encoders.row(EvaluationRows.WITH_FEATURES));
    }

    /** Finished generated images as {@link EvaluationRows#TILES}: no input, target or date. */
    private static Dataset<Row> generatedTiles(Dataset<Row> finished) {
        List<Column> columns = Arrays.stream(EvaluationRows.TILES.fields())
                .map(field -> (Arrays.asList(finished.columns()).contains(field.name())
                        ? functions.col(field.name()) : functions.lit(null))
                        .cast(field.dataType()).alias(field.name()))
                .toList();
        return finished.select(columns.toArray(Column[]::new));
    }

    private Dataset<Row> catalog(SparkSession spark) {
        return PartitionRun.catalog(spark, catalogUri, where);
    }

    /**
     * Finished results with their inputs and targets from the catalogue: a temporal run's
     * predictions through its conditioning/ table ({@link TemporalTargets}), any other job's
     * tiles by id.
     */
    private Dataset<Row> catalogueTiles(SparkSession spark, Dataset<Row> finished) {
        Dataset<Row> catalog = catalog(spark);
        String conditioning = results.root() + "/conditioning";
        if (TEMPORAL_TASK.equals(results.task()) && storage.exists(conditioning)
                && TemporalTargets.applicable(catalog)) {
            return TemporalTargets.tiles(finished, catalog, spark.read().parquet(conditioning));
        }
        return tiles(finished, catalog);
    }

    /** Finished results joined with their catalogue rows, as {@link EvaluationRows#TILES}. */
    private static Dataset<Row> tiles(Dataset<Row> finished, Dataset<Row> catalog) {
        Dataset<Row> targets = catalog.select(
                functions.col(CatalogColumns.ID).alias("catalog_id"),
                functions.col(CatalogColumns.HREF).alias("input_href"),
                optional(catalog, CatalogColumns.TARGET_HREF, "target_href", DataTypes.StringType),
                optional(catalog, CatalogColumns.DATETIME, "datetime", DataTypes.TimestampType),
                optional(catalog, CatalogColumns.CLOUD_COVER, "cloud_cover", DataTypes.DoubleType),
                optional(catalog, CatalogColumns.CAPTION, "caption", DataTypes.StringType),
                optional(catalog, "radiometry", "input_radiometry", DataTypes.StringType),
                // a target_href is another product (NAIP, WorldStrat): io.radiometry, as superres
                functions.lit(null).cast(DataTypes.StringType).alias("target_radiometry"));
        Dataset<Row> joined = finished.join(targets,
                finished.col("id").equalTo(targets.col("catalog_id")), "left");
        List<Column> columns = Arrays.stream(EvaluationRows.TILES.fields())
                .map(field -> functions.col(field.name()).cast(field.dataType())).toList();
        return joined.select(columns.toArray(Column[]::new));
    }

    /** A catalogue column, or nulls of its type where the catalogue lacks it (it is optional). */
    private static Column optional(Dataset<Row> catalog, String name, String alias,
            DataType type) {
        boolean present = Arrays.asList(catalog.columns()).contains(name);
        // try_cast: a catalogue value of the wrong type is null (skipped), not a failed job.
        return (present ? functions.col("`" + name + "`").try_cast(type)
                : functions.lit(null).cast(type)).alias(alias);
    }
}
