package diffusionsat.io.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A content hash of a checkpoint's weights, for the provenance of every output made with it:
 * SHA-256 over each weight file ({@code .safetensors}, {@code .bin}, {@code .pth}, {@code .pt},
 * {@code .ckpt}) in the order of its path relative to the folder, the path and then the bytes,
 * streamed. Configs are left out: the same weights under another name hash alike only if the
 * folder layout matches too.
 */
public final class CheckpointDigest {
    private static final List<String> WEIGHT_SUFFIXES = List.of(".safetensors", ".bin", ".pth",
            ".pt", ".ckpt");

    private CheckpointDigest() {}

    /** {@code sha256:<hex>} of the weight files under the local folder {@code root}. */
    public static String sha256(Path root) {
        MessageDigest digest = sha256();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path file : walk.filter(Files::isRegularFile).filter(CheckpointDigest::isWeights)
                    .sorted().toList()) {
                digest.update(root.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    in.transferTo(OutputStream.nullOutputStream()); // reading feeds the digest
                }
            }
        } catch (IOException e) {
            throw new CheckpointFormatException(root.toString(), "cannot hash the weights: "
                    + e.getMessage(), e);
        }
        return "sha256:" + HexFormat.of().formatHex(digest.digest());
    }

    private static boolean isWeights(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return WEIGHT_SUFFIXES.stream().anyMatch(name::endsWith);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
