package diffusionsat.spark;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Values loaded at most once per key by whichever thread asks first; others asking for the same
 * key wait for that load, and nobody waits for another key's. Unlike {@code
 * ConcurrentHashMap.computeIfAbsent}, whose function runs under a lock of the map's bin (so a
 * multi-minute model load there would stall loads and look-ups of unrelated models), the load
 * runs outside the map. A failed load is forgotten, so the next request tries again.
 */
final class LoadOnce<K, V> {
    private final ConcurrentHashMap<K, CompletableFuture<V>> values = new ConcurrentHashMap<>();

    /** The value of {@code key}, loading it with {@code load} unless loaded or loading. */
    V get(K key, Function<K, V> load) {
        CompletableFuture<V> mine = new CompletableFuture<>();
        CompletableFuture<V> existing = values.putIfAbsent(key, mine);
        if (existing != null) {
            return await(existing);
        }
        try {
            V value = load.apply(key);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            values.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
    }

    /** The values loaded so far, and forgets them (closing them is the caller's job). */
    List<V> drain() {
        List<V> loaded = values.values().stream().filter(f -> f.isDone()
                && !f.isCompletedExceptionally()).map(CompletableFuture::join).toList();
        values.clear();
        return loaded;
    }

    private static <V> V await(CompletableFuture<V> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
