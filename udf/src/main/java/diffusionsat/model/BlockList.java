package diffusionsat.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * diffusers/PyTorch {@code nn.ModuleList}: children named {@code "0"}, {@code "1"}, ... in order.
 *
 * @param <T> the entries' type
 */
public final class BlockList<T extends DiffusersBlock> extends DiffusersBlock
        implements Iterable<T> {
    private final List<T> entries = new ArrayList<>();

    BlockList() {}

    /** A list holding {@code blocks}, for trees assembled outside a constructor. */
    public static <T extends DiffusersBlock> BlockList<T> of(List<? extends T> blocks) {
        BlockList<T> list = new BlockList<>();
        blocks.forEach(list::add);
        return list;
    }

    void add(T block) {
        entries.add(child(String.valueOf(entries.size()), block));
    }

    /** The entry named {@code String.valueOf(index)}. */
    public T get(int index) {
        return entries.get(index);
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    /** The entries in order, unmodifiable. */
    public List<T> asList() {
        return Collections.unmodifiableList(entries);
    }

    @Override
    public Iterator<T> iterator() {
        return asList().iterator();
    }
}
