package diffusionsat.sampling;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Seeds that depend only on (run seed, tile id), so a tile's noise survives retries,
 * repartitioning, batching and order of execution (STYLE.md §3.6).
 */
public record TileSeeds(long runSeed) implements Serializable {

    /** The seed of one tile: SplitMix64 over the run seed and the id's UTF-8 bytes. */
    public long forTile(String tileId) {
        long h = mix64(runSeed);
        for (byte b : tileId.getBytes(StandardCharsets.UTF_8)) {
            h = mix64(h ^ (b & 0xff));
        }
        return h;
    }

    /** SplitMix64's finaliser (Steele, Lea and Flood, 2014): a bijective 64-bit mix. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
