package diffusionsat.io.checkpoint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ordered name → tensor map (a PyTorch state dict), remembering the file it came from so that
 * every mismatch error can name it. Keys are the exact diffusers state-dict names (STYLE.md §3.2).
 */
public final class StateDict implements Iterable<HostTensor> {
    /** How many names a mismatch message lists per kind before it summarises the rest. */
    private static final int LISTED_NAMES = 12;

    private final String source;
    private final Map<String, HostTensor> tensors;

    private StateDict(String source, Map<String, HostTensor> tensors) {
        this.source = source;
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** A state dict built in memory (its source reads {@code <memory>}). */
    public static StateDict of(Collection<HostTensor> tensors) {
        return of("<memory>", tensors);
    }

    /** A state dict read from {@code source}; a repeated name is an error naming it. */
    public static StateDict of(String source, Collection<HostTensor> tensors) {
        Map<String, HostTensor> byName = new LinkedHashMap<>();
        for (HostTensor tensor : tensors) {
            if (byName.putIfAbsent(tensor.name(), tensor) != null) {
                throw new CheckpointFormatException(source, "tensor " + tensor.name()
                        + " appears twice");
            }
        }
        return new StateDict(source, byName);
    }

    /** The tensor called {@code name}; its absence is an error naming the key and the source. */
    public HostTensor get(String name) {
        HostTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new CheckpointMismatchException(source, "no tensor named " + name);
        }
        return tensor;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    /** Tensor names in insertion (file) order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    public int size() {
        return tensors.size();
    }

    /** The file this state dict came from, for error messages. */
    public String source() {
        return source;
    }

    @Override
    public Iterator<HostTensor> iterator() {
        return tensors.values().iterator();
    }

    /**
     * Checks names and shapes against {@code expected} (name → shape). Throws a
     * {@link CheckpointMismatchException} listing missing, unexpected and mis-shaped keys as set
     * differences, a few of each, so that a 700-key model does not print two 700-line maps.
     */
    public void requireExactly(Map<String, long[]> expected) {
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (Map.Entry<String, long[]> entry : expected.entrySet()) {
            HostTensor tensor = tensors.get(entry.getKey());
            if (tensor == null) {
                missing.add(entry.getKey());
            } else if (!Arrays.equals(entry.getValue(), tensor.shape())) {
                misShaped.add(entry.getKey() + " expected " + Arrays.toString(entry.getValue())
                        + " got " + Arrays.toString(tensor.shape()));
            }
        }
        List<String> unexpected = tensors.keySet().stream()
                .filter(name -> !expected.containsKey(name))
                .toList();
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        byKind.put("missing", missing);
        byKind.put("unexpected", unexpected);
        byKind.put("mis-shaped", misShaped);
        List<String> problems = byKind.entrySet().stream()
                .filter(kind -> !kind.getValue().isEmpty())
                .map(kind -> describe(kind.getKey(), kind.getValue()))
                .toList();
        if (!problems.isEmpty()) {
            throw new CheckpointMismatchException(source, String.join("; ", problems));
        }
    }

    /** Checks that every tensor has one of the {@code allowed} element types (e.g. floats). */
    public void requireDTypes(Set<TensorDType> allowed) {
        List<String> wrong = tensors.values().stream()
                .filter(t -> !allowed.contains(t.dtype()))
                .map(t -> t.name() + " is " + t.dtype())
                .toList();
        if (!wrong.isEmpty()) {
            throw new CheckpointMismatchException(source,
                    describe("of a wrong dtype (allowed " + allowed + ")", wrong));
        }
    }

    private static String describe(String kind, List<String> names) {
        String listed = String.join(", ", names.subList(0, Math.min(LISTED_NAMES, names.size())));
        String more = names.size() > LISTED_NAMES
                ? " ... and " + (names.size() - LISTED_NAMES) + " more" : "";
        return names.size() + " " + kind + ": " + listed + more;
    }
}
