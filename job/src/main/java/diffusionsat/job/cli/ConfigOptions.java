package diffusionsat.job.cli;

import diffusionsat.job.config.ConfigLoader;
import diffusionsat.job.config.Settings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --set}: the configuration layers every command takes. */
final class ConfigOptions {
    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML configuration layered over conf/defaults.yaml (repeatable; later"
                    + " wins; an empty value is ignored).")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key (repeatable), e.g. --set superres.scale=2.")
    List<String> overrides = new ArrayList<>();

    Settings settings() {
        return ConfigLoader.load(configFiles, overrides);
    }
}
