package diffusionsat.superres;

import diffusionsat.io.ConfigException;

/** Creates the configured {@link SuperResolver} inside an executor. */
public final class SuperResolvers {
    private SuperResolvers() {}

    public static SuperResolver create(SuperResolutionSettings settings) {
        return switch (settings.model()) {
            case BICUBIC -> new BicubicSuperResolver();
            case DIFFUSIONSAT -> throw new ConfigException("superres.model", "diffusionsat",
                    "the DiffusionSat ControlNet super-resolver is not built yet; use bicubic");
        };
    }
}
