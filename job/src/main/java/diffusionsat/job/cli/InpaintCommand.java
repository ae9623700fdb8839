package diffusionsat.job.cli;

import diffusionsat.inpaint.InpaintSettings;
import diffusionsat.inpaint.InpaintTask;
import diffusionsat.job.TileJob;
import diffusionsat.job.config.JobConfigs;
import diffusionsat.job.inpaint.InpaintJob;
import diffusionsat.sampling.Schedulers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code inpaint}: one image of an xBD-style before/after pair from the other, or the cloudy
 * pixels of Sentinel-2 dates from the clear dates around them.
 */
@Command(name = "inpaint", mixinStandardHelpOptions = true,
        description = "Generate the pre- (or post-) disaster image of xBD-style pairs, or fill "
                + "the clouds of Sentinel-2 dates from clear dates (inpaint.task), with a "
                + "DiffusionSat ControlNet; georeferenced COGs, results, metrics and summary.")
final class InpaintCommand extends TileJobCommand {
    @Mixin
    CatalogOptions catalog;

    InpaintCommand() {
        super(InpaintJob.NAME);
    }

    @Override
    TileJob<?, ?> job(JobContext context) {
        InpaintSettings inpaint = JobConfigs.inpaint(context.settings(), context.run().tiles());
        CheckpointCheck.requireControlNet(context.storage(), inpaint.model().checkpoint(),
                "inpaint.task=" + inpaint.task().name().toLowerCase(java.util.Locale.ROOT),
                inpaint.task() == InpaintTask.CLOUDS ? CheckpointCheck.ControlNetNeed.CLOUDS
                        : CheckpointCheck.ControlNetNeed.XBD);
        Schedulers.requireUsable(context.storage(), inpaint.model().checkpoint(),
                inpaint.sampler());
        catalog.requireCatalogue(context);
        return new InpaintJob(catalog.uri,
                catalog.where(), context.run(), context.runConfig(), inpaint, context.storage())
                ;
    }
}
