package diffusionsat.io.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The allow-list of pickle globals for {@code torch.save} state dicts (DESIGN.md §5): the tensor
 * rebuild functions (v1 too, for torch &lt; 0.4's legacy files), the typed storage classes and
 * {@code collections.OrderedDict}. Anything else, {@code os.system} or {@code builtins.eval}
 * included, is refused by name as soon as the pickle mentions it, so nothing it names is ever
 * looked up, let alone called.
 */
final class TorchGlobals {
    /** {@code torch.FloatStorage} and friends: only ever the second item of a persistent id. */
    record StorageType(TensorDType dtype) {}

    /** The functions a REDUCE may call. */
    enum Function {
        ORDERED_DICT("collections.OrderedDict"),
        REBUILD_TENSOR("torch._utils._rebuild_tensor"),
        REBUILD_TENSOR_V2("torch._utils._rebuild_tensor_v2"),
        REBUILD_PARAMETER("torch._utils._rebuild_parameter");

        private final String qualifiedName;

        Function(String qualifiedName) {
            this.qualifiedName = qualifiedName;
        }

        String qualifiedName() {
            return qualifiedName;
        }
    }

    private TorchGlobals() {}

    /** Resolves {@code module.name} to an allowed global, or throws naming it. */
    static Object resolve(String source, String module, String name) {
        String qualified = module + "." + name;
        for (Function function : Function.values()) {
            if (function.qualifiedName.equals(qualified)) {
                return function;
            }
        }
        Optional<TensorDType> storage = "torch".equals(module)
                ? TensorDType.ofTorchStorage(name) : Optional.empty();
        return storage.map(StorageType::new).orElseThrow(() -> new CheckpointFormatException(
                source, "pickle refers to global " + qualified + ", which is not a PyTorch "
                + "tensor-rebuild global; refused without running it"));
    }

    /** Calls an allowed function with the REDUCE arguments, checking their types. */
    static Object call(String source, Function function, List<Object> args) {
        return switch (function) {
            case ORDERED_DICT -> orderedDict(source, args);
            case REBUILD_TENSOR -> rebuildTensorV1(source, args);
            case REBUILD_TENSOR_V2 -> rebuildTensorV2(source, args);
            case REBUILD_PARAMETER -> rebuildParameter(source, args);
        };
    }

    private static Map<Object, Object> orderedDict(String source, List<Object> args) {
        require(source, Function.ORDERED_DICT, args.isEmpty(), args);
        return new LinkedHashMap<>();                          // filled by SETITEMS
    }

    /** {@code (storage, storage_offset, size, stride, requires_grad, hooks[, metadata])}. */
    private static TensorRef rebuildTensorV2(String source, List<Object> args) {
        require(source, Function.REBUILD_TENSOR_V2, (args.size() == 6 || args.size() == 7)
                && args.get(5) instanceof Map<?, ?> hooks && hooks.isEmpty(), args);
        return stridedView(source, Function.REBUILD_TENSOR_V2, args);
    }

    /**
     * torch &lt; 0.4's tensors, which a legacy file may hold:
     * {@code (storage, storage_offset, size, stride)}.
     */
    private static TensorRef rebuildTensorV1(String source, List<Object> args) {
        require(source, Function.REBUILD_TENSOR, args.size() == 4, args);
        return stridedView(source, Function.REBUILD_TENSOR, args);
    }

    /** The view that the first four arguments of either rebuild function describe. */
    private static TensorRef stridedView(String source, Function function, List<Object> args) {
        require(source, function, args.get(0) instanceof StorageRef
                && args.get(1) instanceof Long && args.get(2) instanceof List
                && args.get(3) instanceof List, args);
        long[] shape = longs(source, function, (List<?>) args.get(2));
        long[] stride = longs(source, function, (List<?>) args.get(3));
        require(source, function, shape.length == stride.length, args);
        return new TensorRef((StorageRef) args.get(0), (Long) args.get(1), shape, stride);
    }

    /** {@code (data, requires_grad, backward_hooks)}: an {@code nn.Parameter} is its tensor. */
    private static TensorRef rebuildParameter(String source, List<Object> args) {
        require(source, Function.REBUILD_PARAMETER,
                args.size() == 3 && args.get(0) instanceof TensorRef, args);
        return (TensorRef) args.get(0);
    }

    private static long[] longs(String source, Function function, List<?> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            require(source, function, values.get(i) instanceof Long, values);
            out[i] = (Long) values.get(i);
        }
        return out;
    }

    private static void require(String source, Function function, boolean ok, List<?> args) {
        if (!ok) {
            throw new CheckpointFormatException(source, "unexpected arguments to "
                    + function.qualifiedName + ": " + args);
        }
    }
}
