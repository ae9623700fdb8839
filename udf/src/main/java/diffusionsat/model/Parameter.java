package diffusionsat.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * One learnable tensor of a {@link DiffusersBlock}: its declared shape, and its value once the
 * block tree has been loaded. The value lives in the manager given to {@link
 * DiffusersBlock#load}, never in a per-step scope.
 */
public final class Parameter {
    private final Shape shape;
    private NDArray value;

    Parameter(Shape shape) {
        this.shape = shape;
    }

    /** The shape the checkpoint must have for this tensor (PyTorch layout). */
    public Shape shape() {
        return shape;
    }

    /** The loaded value; a parameter is never the first operand of an op (STYLE.md §3.3). */
    public NDArray array() {
        if (value == null) {
            throw new IllegalStateException(
                    "parameter of shape " + shape + " used before its block tree was loaded");
        }
        return value;
    }

    /** Whether {@link DiffusersBlock#load} has given this parameter a value. */
    public boolean isLoaded() {
        return value != null;
    }

    void set(NDArray newValue) {
        if (value != null) {
            value.close();
        }
        value = newValue;
    }
}
