package diffusionsat.job.cli;

import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.superres.SuperResolutionJob;
import diffusionsat.sampling.Schedulers;
import diffusionsat.superres.SuperResolutionSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code superres}: Sentinel-2 tiles to RGB at ×scale, with metrics where a reference exists. */
@Command(name = "superres", mixinStandardHelpOptions = true,
        description = "Super-resolve catalogue tiles (bicubic baseline or DiffusionSat) to "
                + "georeferenced COGs, with results, metrics and summary tables.")
final class SuperResCommand implements Callable<Integer> {
    @Mixin
    JobOptions options;

    @Mixin
    CatalogOptions catalog;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        JobContext context = JobContext.of(options, SuperResolutionJob.NAME);
        SuperResolutionSettings superres = JobConfigs.superres(context.settings(),
                context.run().tiles());
        if (superres.model() == SuperResolutionSettings.Model.DIFFUSIONSAT) {
            CheckpointCheck.requireControlNet(context.storage(),
                    superres.diffusionsat().model().checkpoint(),
                    "superres.model=diffusionsat", CheckpointCheck.ControlNetNeed.SUPERRES);
        }
        if (superres.diffusionsat() != null) {
            Schedulers.requireUsable(context.storage(), superres.diffusionsat().model()
                    .checkpoint(), superres.diffusionsat().sampler());
        }
        catalog.requireCatalogue(context);
        return context.run(SuperResolutionJob.NAME, spec, spark -> new SuperResolutionJob(
                catalog.uri, catalog.where(), context.run(), context.runConfig(), superres,
                context.storage()).run(spark));
    }
}
