package diffusionsat.model.ops;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import java.util.function.Supplier;

/**
 * Frees a block's temporaries as soon as its forward returns (STYLE.md §3.3). Every array created
 * inside {@code body} is closed on exit except the survivors it returns, which are handed to the
 * enclosing scope, if any. The arrays stay in the manager of their first operand (the caller's
 * step manager), so nothing changes owner and nested scopes need no {@code tempAttach}.
 *
 * <p>A body must not return one of its inputs unchanged: that array belongs to an outer scope.
 */
public final class Scope {
    private Scope() {}

    /** Runs {@code body}; only its result survives. */
    public static NDArray run(Supplier<NDArray> body) {
        NDArray survivor;
        try (NDScope scope = new NDScope()) {
            survivor = body.get();
            NDScope.unregister(survivor);
        }
        NDScope.register(survivor);
        return survivor;
    }

    /** Runs {@code body}; only the arrays of its result survive. */
    public static NDList runAll(Supplier<NDList> body) {
        NDList survivors;
        try (NDScope scope = new NDScope()) {
            survivors = body.get();
            NDScope.unregister(survivors);
        }
        survivors.forEach(NDScope::register);
        return survivors;
    }
}
