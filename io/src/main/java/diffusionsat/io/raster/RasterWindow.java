package diffusionsat.io.raster;

import java.io.Serializable;

/**
 * A rectangle of pixels, {@code [x, x + width) × [y, y + height)}, in a raster's pixel grid.
 * Offsets and sides are ints (GDAL's own limit), every product and sum is computed in long, so
 * a 100,000 × 100,000 px scene refined 16 times (1.6 M px a side) never overflows.
 */
public record RasterWindow(int x, int y, int width, int height) implements Serializable {

    public RasterWindow {
        if (x < 0 || y < 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("bad window " + x + "," + y + " " + width + "x"
                    + height);
        }
    }

    /** The whole grid of a {@code width × height} raster. */
    public static RasterWindow of(int width, int height) {
        return new RasterWindow(0, 0, width, height);
    }

    /** Pixels in the window. */
    public long pixels() {
        return (long) width * height;
    }

    /** One past the last column. */
    public int endX() {
        return Math.addExact(x, width);
    }

    /** One past the last row. */
    public int endY() {
        return Math.addExact(y, height);
    }

    /** This window grown by {@code margin} on every side, clipped to the raster's grid. */
    public RasterWindow grown(int margin, int rasterWidth, int rasterHeight) {
        int x0 = Math.max(0, x - margin);
        int y0 = Math.max(0, y - margin);
        int x1 = (int) Math.min(rasterWidth, (long) endX() + margin);
        int y1 = (int) Math.min(rasterHeight, (long) endY() + margin);
        return new RasterWindow(x0, y0, x1 - x0, y1 - y0);
    }

    /** The same window in a grid {@code scale} times finer (checked: throws on overflow). */
    public RasterWindow scaled(int scale) {
        return new RasterWindow(Math.multiplyExact(x, scale), Math.multiplyExact(y, scale),
                Math.multiplyExact(width, scale), Math.multiplyExact(height, scale));
    }

    /** This window's position relative to {@code outer}'s origin. */
    public RasterWindow relativeTo(RasterWindow outer) {
        return new RasterWindow(x - outer.x, y - outer.y, width, height);
    }

    /** Whether every pixel of this window lies in {@code outer}. */
    public boolean within(RasterWindow outer) {
        return x >= outer.x && y >= outer.y && endX() <= outer.endX() && endY() <= outer.endY();
    }

    @Override
    public String toString() {
        return width + "x" + height + "+" + x + "+" + y;
    }
}
