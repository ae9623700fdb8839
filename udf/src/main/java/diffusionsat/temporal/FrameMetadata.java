package diffusionsat.temporal;

import diffusionsat.io.TileException;
import diffusionsat.io.raster.PixelGrid;
import diffusionsat.sampling.InvalidMetadataException;
import diffusionsat.sampling.SatelliteMetadata;
import diffusionsat.spark.TileRef;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The normalised metadata of conditioning frames and targets (DIFFUSIONSAT.md §1.1). GSD is the
 * effective GSD upstream's dataset code computes: catalogue GSD × min(width, height) of the stored
 * image ÷ the training resolution, which for the temporal ControlNet is its output side (targets
 * and conditions share one resolution there). A frame's missing cloud cover is 0, as upstream
 * uses for datasets without one; a target's is 0 (cloud-free wanted).
 */
final class FrameMetadata {
    private FrameMetadata() {}

    /** A conditioning frame's 7 values; a {@link TileException} naming the frame if invalid. */
    static float[] ofFrame(TileRef frame, PixelGrid grid, int trainingSize) {
        double cloud = frame.cloudCover() == null ? 0 : frame.cloudCover();
        return normalized(frame.id(), frame, grid, trainingSize, cloud, frame.datetime());
    }

    /** The target's 7 values: the grid frame's position and GSD, the target date, no cloud. */
    static float[] ofTarget(String requestId, TileRef gridFrame, PixelGrid grid, int trainingSize,
            Instant target) {
        return normalized(requestId, gridFrame, grid, trainingSize, 0, target);
    }

    private static float[] normalized(String id, TileRef frame, PixelGrid grid, int trainingSize,
            double cloud, Instant time) {
        double gsd = frame.gsd() * Math.min(grid.width(), grid.height()) / trainingSize;
        try {
            return new SatelliteMetadata(frame.lon(), frame.lat(), gsd, cloud,
                    LocalDate.ofInstant(time, ZoneOffset.UTC)).normalized();
        } catch (InvalidMetadataException e) {
            throw new TileException(id, "metadata of frame " + frame.id() + ": " + e.getMessage(),
                    e);
        }
    }
}
