package diffusionsat.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import diffusionsat.io.checkpoint.HostTensor;
import diffusionsat.io.checkpoint.StateDict;
import diffusionsat.io.checkpoint.TensorDType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Base of every network block: owns the diffusers name tree (STYLE.md §3.2). A subclass declares,
 * in its constructor and in forward order, its children with {@link #child} / {@link #childList}
 * and its own tensors with {@link #parameter}; the dotted path through that tree is the
 * checkpoint key, e.g. {@code down_blocks.0.resnets.1.conv1.weight}. DJL's generated names are
 * never used.
 *
 * <p>Lifecycle: construct from a config (no native memory yet; {@link #parameterShapes()} works
 * for the full SD 2.1 tree without allocating its weights), then {@link #load} once, then run
 * forward passes.
 */
public abstract class DiffusersBlock {
    private static final Set<TensorDType> FLOATING_POINT = Arrays.stream(TensorDType.values())
            .filter(TensorDType::isFloatingPoint)
            .collect(Collectors.toUnmodifiableSet());

    private final Map<String, DiffusersBlock> children = new LinkedHashMap<>();
    private final Map<String, Parameter> parameters = new LinkedHashMap<>();

    /**
     * Registers a child under its diffusers attribute name and returns it. A name may span
     * segments ({@code "to_out.0"}) where diffusers keeps a parameterless module (Dropout) beside
     * it in a ModuleList.
     */
    protected final <T extends DiffusersBlock> T child(String name, T block) {
        requireNewName(name);
        children.put(name, block);
        return block;
    }

    /** Registers a ModuleList child whose entries are named {@code "0"}, {@code "1"}, .... */
    protected final <T extends DiffusersBlock> BlockList<T> childList(
            String name, int size, IntFunction<T> factory) {
        BlockList<T> list = new BlockList<>();
        for (int i = 0; i < size; i++) {
            list.add(factory.apply(i));
        }
        return child(name, list);
    }

    /** Declares a tensor of this block with its PyTorch shape. */
    protected final Parameter parameter(String name, long... shape) {
        requireNewName(name);
        Parameter parameter = new Parameter(new Shape(shape));
        parameters.put(name, parameter);
        return parameter;
    }

    /** Every tensor of the tree keyed by its dotted checkpoint path, in declaration order. */
    public final Map<String, Parameter> parameters() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        collect("", all);
        return Collections.unmodifiableMap(all);
    }

    /** Every tensor's shape keyed by its dotted checkpoint path; allocates no native memory. */
    public final Map<String, Shape> parameterShapes() {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        parameters().forEach((path, parameter) -> shapes.put(path, parameter.shape()));
        return Collections.unmodifiableMap(shapes);
    }

    /** The element type of the loaded weights (that of the first declared parameter). */
    public final DataType dataType() {
        return parameters().values().iterator().next().array().getDataType();
    }

    /** The number of scalar weights in the tree. */
    public final long parameterCount() {
        return parameterShapes().values().stream().mapToLong(Shape::size).sum();
    }

    /**
     * Loads every tensor of the tree from {@code weights} into {@code manager}, converted to
     * {@code dtype}. Strict: a missing, unexpected or mis-shaped key raises the checkpoint's
     * {@code CheckpointMismatchException}, naming the keys and the file, before anything is
     * allocated.
     */
    public final void load(StateDict weights, NDManager manager, ModelDType dtype) {
        dtype.requireSupportedOn(manager.getDevice());
        Map<String, long[]> expected = new LinkedHashMap<>();
        parameterShapes().forEach((path, shape) -> expected.put(path, shape.getShape()));
        weights.requireExactly(expected);
        weights.requireDTypes(FLOATING_POINT);
        parameters().forEach((path, parameter) ->
                parameter.set(toArray(weights.get(path), manager, dtype.dataType())));
    }

    /** Sets a parameter from host values; used by {@link RandomWeights}. */
    static void assign(Parameter parameter, float[] values, NDManager manager, DataType type) {
        parameter.set(toArray(values, parameter.shape(), manager, type));
    }

    private static NDArray toArray(HostTensor tensor, NDManager manager, DataType type) {
        return toArray(tensor.toFloatArray(), new Shape(tensor.shape()), manager, type);
    }

    private static NDArray toArray(float[] values, Shape shape, NDManager manager, DataType type) {
        NDArray array = manager.create(values, shape);
        if (type != DataType.FLOAT32) {
            NDArray converted = array.toType(type, false);
            array.close();
            array = converted;
        }
        // Weights outlive any NDScope a caller may have open while loading.
        NDScope.unregister(array);
        return array;
    }

    private void collect(String prefix, Map<String, Parameter> into) {
        parameters.forEach((name, parameter) -> into.put(prefix + name, parameter));
        children.forEach((name, block) -> block.collect(prefix + name + ".", into));
    }

    private void requireNewName(String name) {
        if (name.isEmpty() || name.startsWith(".") || name.endsWith(".")) {
            throw new IllegalArgumentException("bad module name '" + name + "'");
        }
        if (children.containsKey(name) || parameters.containsKey(name)) {
            throw new IllegalArgumentException("duplicate module name '" + name + "'");
        }
    }
}
