package diffusionsat.job.config;

import diffusionsat.io.ConfigException;
import diffusionsat.io.raster.Radiometry;
import diffusionsat.temporal.FrameSelection;
import diffusionsat.temporal.OutputGrid;
import diffusionsat.temporal.TemporalModel;
import diffusionsat.temporal.TemporalSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Builds the {@code temporal} job's settings from the merged configuration. */
public final class TemporalConfigs {
    private TemporalConfigs() {}

    /** What the job does with its requests. */
    public enum Mode {
        /** Predict the requests of the {@code --requests} table. */
        GENERATE,
        /** Leave out each known frame of each sequence and predict it from the others. */
        EVALUATE
    }

    public static Mode mode(Settings s) {
        return s.choice("temporal.mode", Mode.class);
    }

    public static TemporalSettings temporal(Settings s, String tilesFolder) {
        TemporalModel model = s.choice("temporal.model", TemporalModel.class);
        return new TemporalSettings(model,
                model == TemporalModel.DIFFUSIONSAT ? JobConfigs.model(s) : null,
                s.integer("temporal.baselineFrames", 1, 64),
                squareSide(s),
                s.choice("temporal.frameSelection", FrameSelection.class),
                selections(s, "temporal.evaluationSelections"),
                s.number("temporal.maxCloudCover", 0, 100),
                s.choice("temporal.outputGrid", OutputGrid.class),
                s.choice("io.radiometry", Radiometry.class),
                s.number("io.maxNoDataFraction", 0, 1),
                JobConfigs.sampler(s),
                s.longValue("job.runSeed"),
                tilesFolder,
                JobConfigs.comparison(s));
    }

    /** The generated images' side: {@code sampler.height}, which must equal its width. */
    static int squareSide(Settings s) {
        int height = s.integer("sampler.height", 8, 4096);
        int width = s.integer("sampler.width", 8, 4096);
        if (height != width) {
            throw new ConfigException("sampler.width", width, "must equal sampler.height ("
                    + height + "): the ControlNets make square images");
        }
        return height;
    }

    private static List<FrameSelection> selections(Settings s, String key) {
        List<FrameSelection> out = new ArrayList<>();
        for (String part : s.string(key).split(",")) {
            String name = part.trim().replace('-', '_').toUpperCase(Locale.ROOT);
            if (name.isEmpty()) {
                continue;
            }
            try {
                out.add(FrameSelection.valueOf(name));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, part.trim(),
                        "must be a comma list of nearest, before, after, evenly-spaced");
            }
        }
        return out;
    }
}
