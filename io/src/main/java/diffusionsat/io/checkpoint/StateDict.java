package diffusionsat.io.checkpoint;

import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** TEMPORARY STUB until branch {@code checkpoint} lands: named tensors read from one file. */
public final class StateDict implements Iterable<HostTensor> {
    private final Map<String, HostTensor> tensors = new LinkedHashMap<>();
    private final String source;

    private StateDict(Collection<HostTensor> all, String source) {
        all.forEach(t -> tensors.put(t.name(), t));
        this.source = source;
    }

    public static StateDict of(Collection<HostTensor> all) {
        return new StateDict(all, "(in memory)");
    }

    public HostTensor get(String name) {
        HostTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new CheckpointMismatchException(source + ": no tensor " + name);
        }
        return tensor;
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public Set<String> names() {
        return tensors.keySet();
    }

    public int size() {
        return tensors.size();
    }

    public String source() {
        return source;
    }

    public void requireExactly(Map<String, long[]> expected) {
        Set<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(tensors.keySet());
        Set<String> unexpected = new TreeSet<>(tensors.keySet());
        unexpected.removeAll(expected.keySet());
        Set<String> misShaped = new TreeSet<>();
        expected.forEach((name, shape) -> {
            if (tensors.containsKey(name) && !Arrays.equals(shape, tensors.get(name).shape())) {
                misShaped.add(name);
            }
        });
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misShaped.isEmpty()) {
            throw new CheckpointMismatchException(source + ": missing " + missing
                    + ", unexpected " + unexpected + ", mis-shaped " + misShaped);
        }
    }

    @Override
    public Iterator<HostTensor> iterator() {
        return tensors.values().iterator();
    }
}
