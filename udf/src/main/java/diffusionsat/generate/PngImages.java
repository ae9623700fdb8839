package diffusionsat.generate;

import diffusionsat.io.storage.Storage;
import diffusionsat.sampling.GeneratedImage;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes 8-bit RGB images as PNG to any store, never visible under their name half-written. */
public final class PngImages {
    private PngImages() {}

    /** Encodes {@code image} and publishes it at {@code uri}. */
    public static void write(GeneratedImage image, String uri, Storage storage) {
        BufferedImage buffered = new BufferedImage(image.width(), image.height(),
                BufferedImage.TYPE_INT_RGB);
        byte[] rgb = image.rgb();
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int p = (y * image.width() + x) * 3;                     // (H, W, 3) row-major
                buffered.setRGB(x, y, (rgb[p] & 0xff) << 16 | (rgb[p + 1] & 0xff) << 8
                        | (rgb[p + 2] & 0xff));
            }
        }
        Path local = null;
        try {
            local = Files.createTempFile("diffusionsat-", ".png");
            if (!ImageIO.write(buffered, "png", local.toFile())) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
            storage.publish(local, uri);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + uri, e);
        } finally {
            deleteQuietly(local);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless; the published image is what counts
            }
        }
    }
}
