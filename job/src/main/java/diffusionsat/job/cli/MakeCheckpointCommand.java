package diffusionsat.job.cli;

import diffusionsat.job.config.Suggestions;
import diffusionsat.sampling.CheckpointMaker;
import diffusionsat.sampling.CheckpointPreset;
import diffusionsat.sampling.ControlNetPreset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code make-checkpoint}: a diffusers folder with seeded random weights, for local runs. */
@Command(name = "make-checkpoint", mixinStandardHelpOptions = true,
        description = "Write a complete DiffusionSat checkpoint folder (unet, vae, text_encoder,"
                + " tokenizer, scheduler) with seeded RANDOM weights. Its images are noise-like:"
                + " meaningful images need the released DiffusionSat checkpoint.")
final class MakeCheckpointCommand implements Callable<Integer> {
    @Option(names = "--output", required = true, paramLabel = "DIR",
            description = "Folder to write (created if needed).")
    Path output;

    @Option(names = "--config", paramLabel = "PRESET", defaultValue = "TINY",
            description = "Architecture: ${COMPLETION-CANDIDATES} (default: tiny; sd21 writes"
                    + " about 5 GB).", converter = PresetConverter.class)
    CheckpointPreset preset;

    @Option(names = "--controlnet", paramLabel = "KIND",
            description = "Also write a controlnet/ for a conditional job: superres (2D, 10"
                    + " Sentinel-2 channels), xbd (2D, RGB) or temporal (3D, 3 RGB frames).",
            converter = ControlNetConverter.class)
    ControlNetPreset controlnet;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0",
            description = "Seed of the random weights (default: 0).")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (controlnet == null) {
            CheckpointMaker.write(output, preset, seed);
        } else {
            CheckpointMaker.write(output, preset, controlnet, seed);
        }
        spec.commandLine().getOut().println("wrote a " + preset.name().toLowerCase(
                java.util.Locale.ROOT) + " checkpoint with random weights (seed " + seed + ") to "
                + output.toAbsolutePath());
        return ExitCodes.OK;
    }

    /** Accepts superres / xbd / temporal in any case. */
    static final class ControlNetConverter extends PresetName<ControlNetPreset> {
        ControlNetConverter() {
            super(ControlNetPreset.class);
        }
    }

    /** Accepts tiny / sd21 in any case. */
    static final class PresetConverter extends PresetName<CheckpointPreset> {
        PresetConverter() {
            super(CheckpointPreset.class);
        }
    }

    /** A preset by name in any case; an unknown one lists the names and the closest. */
    private abstract static class PresetName<E extends Enum<E>>
            implements picocli.CommandLine.ITypeConverter<E> {
        private final Class<E> type;

        PresetName(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            java.util.List<String> names = java.util.Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList();
            String name = value.trim().toLowerCase(java.util.Locale.ROOT);
            if (!names.contains(name)) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a preset: use one of " + String.join(", ", names)
                        + Suggestions.didYouMean(value, names));
            }
            return Enum.valueOf(type, name.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
