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
 * Reads the LPIPS weights from {@code evaluate.lpipsWeights}: one weight file, or a folder (local
 * or any store {@link Storage} reaches) whose {@code .bin}, {@code .pth} and {@code .safetensors}
 * files together hold torchvision's AlexNet ({@code features.*}) and the lpips package's heads
 * ({@code lin*}), e.g. torchvision's AlexNet checkpoint beside lpips's {@code v0.1/alex.pth}.
 * AlexNet's {@code classifier.*} tensors are dropped: LPIPS does not use them.
 */
public final class LpipsWeights {
    private static final String[] SUFFIXES = {".bin", ".pth", ".safetensors"};
    private static final String UNUSED_PREFIX = "classifier.";

    private LpipsWeights() {}

    /** The tensors LPIPS needs, merged from every weight file under {@code uri}. */
    public static StateDict read(String uri, Storage storage) {
        List<String> files = storage.list(uri, SUFFIXES);
        if (files.isEmpty()) {
            throw new ConfigException("evaluate.lpipsWeights", uri,
                    "holds no .bin, .pth or .safetensors weight file");
        }
        Map<String, HostTensor> merged = new LinkedHashMap<>();
        for (String file : files) {
            for (HostTensor tensor : readOne(file, storage)) {
                if (tensor.name().startsWith(UNUSED_PREFIX)) {
                    continue;
                }
                if (merged.put(tensor.name(), tensor) != null) {
                    throw new CheckpointFormatException(file, "tensor " + tensor.name()
                            + " is also in another LPIPS weight file under " + uri);
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
            // A few MB (heads) to a few hundred MB (AlexNet with its classifier), read once per
            // executor.
            copy = Files.createTempFile("lpips-", file.substring(file.lastIndexOf('.')));
            Files.write(copy, storage.readAllBytes(file));
            return WeightFiles.read(copy);
        } catch (IOException e) {
            throw new StorageException(file, "cannot stage the LPIPS weights locally", e);
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
