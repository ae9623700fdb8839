package diffusionsat.superres;

import diffusionsat.io.raster.RasterWindow;
import java.util.List;

/**
 * Where a renderer lets chunk borders fall and which input pixels a chunk needs: what planning
 * a scene takes, without a model.
 */
public interface ChunkLayout {

    /** The input pixels (scene grid) rendering {@code core} reads; it contains {@code core}. */
    RasterWindow region(RasterWindow core, int sceneWidth, int sceneHeight);

    /**
     * Where chunk borders may fall along a scene axis of this length (null: anywhere); a
     * windowed model allows only its window starts.
     */
    default List<Integer> borderCandidates(int length) {
        return null;
    }

    /** How many model windows rendering {@code core} runs; 0 for a resolver without windows. */
    default long windows(RasterWindow core, int sceneWidth, int sceneHeight) {
        return 0;
    }

    /** Strips with a margin of input pixels ({@link MarginTiles}). */
    static ChunkLayout margin(int margin) {
        return (core, sceneWidth, sceneHeight) -> core.grown(margin, sceneWidth, sceneHeight);
    }

    /** The scene's window grid ({@link WindowBlend}): borders on window starts. */
    static ChunkLayout windows(int window, int overlap) {
        return new WindowLayout(window, overlap);
    }
}
