package diffusionsat.job.config;

import diffusionsat.sequence.SequenceSettings;

/** Builds the {@code sequence} job's settings from the merged configuration. */
public final class SequenceConfigs {
    private SequenceConfigs() {}

    public static SequenceSettings sequence(Settings s, String tilesFolder) {
        TemporalConfigs.squareSide(s);
        return new SequenceSettings(JobConfigs.model(s), JobConfigs.sampler(s),
                s.integer("sequence.window", 0, 64), s.longValue("job.runSeed"), tilesFolder);
    }
}
