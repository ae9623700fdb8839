package diffusionsat.job.cli;

import diffusionsat.job.TileJob;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.superres.SuperResolutionJob;
import diffusionsat.sampling.Schedulers;
import diffusionsat.superres.SuperResolutionSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code superres}: Sentinel-2 tiles to RGB at ×scale, with metrics where a reference exists. */
@Command(name = "superres", mixinStandardHelpOptions = true,
        description = "Super-resolve catalogue tiles (bicubic baseline or DiffusionSat) to "
                + "georeferenced COGs, with results, metrics and summary tables.")
final class SuperResCommand extends TileJobCommand {
    @Mixin
    CatalogOptions catalog;

    SuperResCommand() {
        super(SuperResolutionJob.NAME);
    }

    @Override
    TileJob<?, ?> job(JobContext context) {
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
        return new SuperResolutionJob(catalog.uri, catalog.where(), context.run(), context.runConfig(), superres,
                context.storage());
    }
}
