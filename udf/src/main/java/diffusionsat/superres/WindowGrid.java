package diffusionsat.superres;

import java.util.ArrayList;
import java.util.List;

/**
 * Start offsets of overlapping windows along one axis: windows of {@code window} pixels, at most
 * {@code window - overlap} apart, the last one flush with the end, so that every pixel is covered
 * and no window reaches past the edge (a scene smaller than one window gets one window at 0).
 */
record WindowGrid(int length, int window, int overlap) {

    WindowGrid {
        if (window < 1 || overlap < 0 || overlap >= window) {
            throw new IllegalArgumentException("window " + window + " with overlap " + overlap
                    + ": need window >= 1 and 0 <= overlap < window");
        }
    }

    List<Integer> starts() {
        List<Integer> starts = new ArrayList<>();
        if (length <= window) {
            starts.add(0);
            return starts;
        }
        int count = (int) Math.ceil((length - window) / (double) (window - overlap)) + 1;
        for (int i = 0; i < count; i++) {
            // Evenly spread between 0 and length - window, so overlaps are as equal as possible.
            starts.add((int) Math.round(i * (length - window) / (double) (count - 1)));
        }
        return starts;
    }
}
