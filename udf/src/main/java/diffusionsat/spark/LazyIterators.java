package diffusionsat.spark;

import java.util.Iterator;
import java.util.function.Function;

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
}
