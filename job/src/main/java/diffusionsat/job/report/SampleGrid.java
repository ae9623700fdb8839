package diffusionsat.job.report;

import diffusionsat.evaluation.EvaluationTile;
import diffusionsat.evaluation.RgbImage;
import diffusionsat.evaluation.TargetLookup;
import diffusionsat.evaluation.TileEvaluator;
import diffusionsat.io.raster.Resampling;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * One sample grid of the report, input | output | target side by side at the output's aspect,
 * as a PNG written by {@link ImageIO}. The input is enlarged by pixel replication (so its pixels
 * stay visible), larger images are averaged down to the panel size, and a missing target is a
 * grey panel (the report names the reason). Missing pixels show black.
 */
final class SampleGrid {
    private static final int GAP = 4;
    private static final Color MISSING_TARGET = new Color(0x88, 0x88, 0x88);

    /** A rendered grid, with why the target panel is empty (null when it is not). */
    record Rendered(byte[] png, String missingTarget) {}

    private SampleGrid() {}

    static Rendered render(TileEvaluator reader, EvaluationTile tile, int panelSize) {
        RgbImage output = reader.readOutput(tile);
        RgbImage input = reader.readInput(tile);
        TargetLookup target = reader.readTarget(tile);
        double shrink = Math.min(1.0, panelSize / (double) Math.max(output.width(),
                output.height()));
        int width = Math.max(1, (int) Math.round(output.width() * shrink));
        int height = Math.max(1, (int) Math.round(output.height() * shrink));

        BufferedImage grid = new BufferedImage(3 * width + 2 * GAP, height,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
            draw(grid, 0, resize(input, width, height, Resampling.Method.NEAREST), width, height);
            draw(grid, width + GAP, resize(output, width, height, Resampling.Method.AVERAGE),
                    width, height);
            String missing = null;
            if (target instanceof TargetLookup.Found found) {
                RgbImage image = found.image();
                Resampling.Method method = image.width() > width ? Resampling.Method.AVERAGE
                        : Resampling.Method.CUBIC;
                draw(grid, 2 * (width + GAP), resize(image, width, height, method), width, height);
            } else {
                missing = ((TargetLookup.Missing) target).reason();
                g.setColor(MISSING_TARGET);
                g.fillRect(2 * (width + GAP), 0, width, height);
            }
            return new Rendered(png(grid), missing);
        } finally {
            g.dispose();
        }
    }

    /** A generated image alone: it has no input or target to set beside it. */
    static Rendered renderGenerated(RgbImage image, int panelSize) {
        double shrink = Math.min(1.0, panelSize / (double) Math.max(image.width(),
                image.height()));
        int width = Math.max(1, (int) Math.round(image.width() * shrink));
        int height = Math.max(1, (int) Math.round(image.height() * shrink));
        BufferedImage panel = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        draw(panel, 0, resize(image, width, height, Resampling.Method.AVERAGE), width, height);
        return new Rendered(png(panel), "a generated image has no input or target");
    }

    private static float[][] resize(RgbImage image, int width, int height,
            Resampling.Method method) {
        float[][] planes = image.filledPlanes();
        if (image.width() == width && image.height() == height) {
            return planes;
        }
        return Resampling.resize(planes, image.width(), image.height(), width, height, method);
    }

    private static void draw(BufferedImage grid, int x0, float[][] rgb, int width, int height) {
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                grid.setRGB(x0 + x, y, (byte255(rgb[0][i]) << 16) | (byte255(rgb[1][i]) << 8)
                        | byte255(rgb[2][i]));
            }
        }
    }

    private static int byte255(float value) {
        return (int) Math.round(Math.max(0f, Math.min(1f, value)) * 255.0);
    }

    private static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a sample grid", e);
        }
        return out.toByteArray();
    }
}
