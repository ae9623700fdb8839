package diffusionsat.spark;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** ExecutorModels' loading: once per key, never under a lock other keys need (issue 13). */
class LoadOnceTest {

    @Test
    void aLoadInProgressBlocksNeitherOtherKeysNorLookUps() throws Exception {
        LoadOnce<String, String> models = new LoadOnce<>();
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> slow = pool.submit(() -> models.get("big", k -> {
                slowStarted.countDown();
                await(release);
                return "big model";
            }));
            slowStarted.await();
            // While "big" is still loading, another key loads on this thread: with the load
            // inside computeIfAbsent of a one-bin map it could wait; here it must not.
            String small = models.get("small", k -> "small model");
            release.countDown();
            assertAll(() -> assertEquals("small model", small),
                    () -> assertEquals("big model", slow.get()));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentRequestsForOneKeyLoadItOnce() throws Exception {
        LoadOnce<String, Integer> models = new LoadOnce<>();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    await(start);
                    return models.get("m", k -> loads.incrementAndGet());
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertEquals(1, result.get());
            }
            assertEquals(1, loads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedLoadIsForgottenAndRetried() {
        LoadOnce<String, String> models = new LoadOnce<>();
        assertThrows(IllegalStateException.class, () -> models.get("m", k -> {
            throw new IllegalStateException("checkpoint unreadable");
        }));
        assertAll(() -> assertEquals("loaded", models.get("m", k -> "loaded")),
                () -> assertEquals(List.of("loaded"), models.drain()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
