package diffusionsat.io.checkpoint;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes one weight file: {@code .safetensors}, or a PyTorch {@code .bin}/{@code .pth}
 * written by torch.save, either as a zip (torch ≥ 1.6) or in the legacy pickle stream (torch
 * &lt; 1.6, as the FID Inception and LPIPS weights are), both read through the restricted unpickler
 * (DESIGN.md §5). The format is chosen by the file's first bytes, so a misnamed file still reads,
 * and everything is checked before it is returned. torch &lt; 0.4's tar format is refused by name.
 */
public final class WeightFiles {
    private static final Logger log = LoggerFactory.getLogger(WeightFiles.class);
    private static final int ZIP_MAGIC = 0x04034b50;          // "PK\3\4", little-endian
    private static final int PICKLE_PROTO = 0x80;
    private static final int TAR_MAGIC_OFFSET = 257;          // "ustar" in a tar header
    private static final byte[] TAR_MAGIC = {'u', 's', 't', 'a', 'r'};

    private WeightFiles() {}

    /** Reads a state dict from a .safetensors file or a torch.save file (zip or legacy). */
    public static StateDict read(Path file) {
        String source = file.toString();
        if (!Files.isRegularFile(file)) {
            throw new CheckpointFormatException(source, "no such file");
        }
        byte[] head = firstBytes(file, TAR_MAGIC_OFFSET + TAR_MAGIC.length);
        StateDict dict;
        if (head.length >= 4 && littleEndianInt(head) == ZIP_MAGIC) {
            dict = TorchZipReader.read(file);
        } else if (source.endsWith(".safetensors") || (head.length >= 9 && head[8] == '{')) {
            dict = SafetensorsFormat.read(file);
        } else if (head.length > 0 && (head[0] & 0xff) == PICKLE_PROTO) {
            dict = LegacyTorchReader.read(file);
        } else if (isTar(head)) {
            // torch < 0.4 wrote a tar of 'sys_info', 'storages', 'tensors' and 'pickle'; no
            // weights we use are that old, so it is named rather than read.
            throw new CheckpointFormatException(source, "a tar archive: torch < 0.4's tar-based"
                    + " torch.save format is not supported; re-save it with a newer torch or as"
                    + " safetensors");
        } else {
            throw new CheckpointFormatException(source, "neither safetensors nor a torch.save"
                    + " file (zip or legacy pickle stream)");
        }
        log.info("read {} tensors from {}", dict.size(), file);
        return dict;
    }

    /** Writes {@code dict} as safetensors, through a temporary file and a rename. */
    public static void writeSafetensors(StateDict dict, Path file) {
        SafetensorsFormat.write(dict, file);
        log.info("wrote {} tensors to {}", dict.size(), file);
    }

    private static byte[] firstBytes(Path file, int n) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        } catch (IOException e) {
            throw new CheckpointFormatException(file.toString(), "cannot read: " + e.getMessage(),
                    e);
        }
    }

    private static boolean isTar(byte[] head) {
        return head.length == TAR_MAGIC_OFFSET + TAR_MAGIC.length
                && Arrays.equals(TAR_MAGIC, 0, TAR_MAGIC.length, head, TAR_MAGIC_OFFSET,
                        head.length);
    }

    private static int littleEndianInt(byte[] b) {
        return (b[0] & 0xff) | (b[1] & 0xff) << 8 | (b[2] & 0xff) << 16 | (b[3] & 0xff) << 24;
    }
}
