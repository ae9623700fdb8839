package diffusionsat.spark;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.function.Supplier;

/** Lazy iterator views for the per-partition functions: one item in flight at a time. */
final class LazyIterators {
    private LazyIterators() {}

    /** {@code items} with {@code map} applied to each as it is taken. */
    static <A, B> Iterator<B> mapped(Iterator<A> items, Function<A, B> map) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public B next() {
                return map.apply(items.next());
            }
        };
    }

    /**
     * The outputs of batch after batch while {@code items} has more: {@code batch} (which takes
     * from {@code items}) runs only once the outputs of the batch before are used up, and
     * {@code afterBatch} after each.
     */
    static <A, B> Iterator<B> batches(Iterator<A> items, Supplier<List<B>> batch,
            Runnable afterBatch) {
        return new Iterator<>() {
            private Iterator<B> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && items.hasNext()) {
                    current = batch.get().iterator();
                    afterBatch.run();
                }
                return current.hasNext();
            }

            @Override
            public B next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
