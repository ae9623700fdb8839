package diffusionsat.job.cli;

import diffusionsat.job.TileJob;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The shape of every tile job command: the shared options ({@link JobOptions}, with {@code
 * --dry-run}), the checks a job needs before Spark starts, then the job's run through {@link
 * JobContext}. A command says only its own options and checks.
 */
abstract class TileJobCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Spec
    CommandSpec spec;

    private final String name;

    TileJobCommand(String name) {
        this.name = name;
    }

    /** Checks what the job needs (configuration errors before Spark) and builds it. */
    abstract TileJob<?, ?> job(JobContext context);

    @Override
    public final Integer call() {
        JobContext context = JobContext.of(options, name);
        TileJob<?, ?> job = job(context);
        return context.run(name, spec, job::run);
    }
}
