package diffusionsat.evaluation;

import diffusionsat.io.ConfigException;
import diffusionsat.io.StorageException;
import diffusionsat.io.checkpoint.CheckpointFormatException;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.checkpoint.WeightFiles;
import diffusionsat.io.storage.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a metric network's weights from its configuration key ({@code evaluate.lpipsWeights},
 * ...): one weight file, or a folder (local or any store {@link Storage} reaches) whose
 * {@code .bin}, {@code .pth} and {@code .safetensors} files together hold the network, e.g.
 * torchvision's AlexNet checkpoint beside lpips's {@code v0.1/alex.pth}. Tensors under the
 * given unused prefixes (AlexNet's {@code classifier.}) are dropped.
 */
public final class MetricWeights {
    private static final String[] SUFFIXES = {".bin", ".pth", ".safetensors"};

    private MetricWeights() {}

    /** The LPIPS weights: torchvision's AlexNet {@code features.*} and lpips's heads {@code lin*}. */
    public static StateDict lpips(String uri, Storage storage) {
        return read("evaluate.lpipsWeights", uri, storage, List.of("classifier."));
    }

    /**
     * The tensors of every weight file under {@code uri}, merged.
     *
     * @param key the configuration key that named {@code uri}, for error messages
     * @param unusedPrefixes names starting with one of these are dropped
     */
    public static StateDict read(String key, String uri, Storage storage,
            List<String> unusedPrefixes) {
        List<String> files = storage.list(uri, SUFFIXES);
        if (files.isEmpty()) {
            throw new ConfigException(key, uri, "holds no .bin, .pth or .safetensors weight file");
        }
        Map<String, HostTensor> merged = new LinkedHashMap<>();
        for (String file : files) {
            for (HostTensor tensor : readOne(file, storage)) {
                if (unusedPrefixes.stream().anyMatch(tensor.name()::startsWith)) {
                    continue;
                }
                if (merged.put(tensor.name(), tensor) != null) {
                    throw new CheckpointFormatException(file, "tensor " + tensor.name()
                            + " is also in another weight file under " + uri);
                }
            }
        }
        return StateDict.of(uri, new ArrayList<>(merged.values()));
    }

    private static StateDict readOne(String file, Storage storage) {
        var local = Storage.localFile(file);
        if (local.isPresent()) {
            return WeightFiles.read(local.get());
        }
        Path copy = null;
        try {
            // A few MB to a few hundred MB, read once per executor.
            copy = Files.createTempFile("metric-weights-", file.substring(file.lastIndexOf('.')));
            Files.write(copy, storage.readAllBytes(file));
            return WeightFiles.read(copy);
        } catch (IOException e) {
            throw new StorageException(file, "cannot stage the weights locally", e);
        } finally {
            deleteQuietly(copy);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover temporary file is harmless; the weights were read.
            }
        }
    }
}
