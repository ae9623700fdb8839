package diffusionsat.io.checkpoint;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pickle virtual machine for {@code torch.save} pickles (DESIGN.md §5): the zip's
 * {@code data.pkl}, or one pickle of the legacy format's stream ({@link LegacyTorchReader}). It
 * knows the opcodes of protocols 2 to 4 that build plain data (ints, floats, strings, tuples,
 * lists, dicts) plus GLOBAL/STACK_GLOBAL, REDUCE, BUILD and BINPERSID, and resolves every global
 * through {@link TorchGlobals}: an unknown global is refused when it is named, before any REDUCE.
 * Opcodes that instantiate arbitrary classes (INST, OBJ, NEWOBJ, extension registry) are refused.
 *
 * <p>Values: Long, Double, Boolean, String, byte[], null, tuples as unmodifiable lists, lists as
 * {@link ArrayList}, dicts as insertion-ordered maps, and the {@link StorageRef} /
 * {@link TensorRef} that torch's globals produce.
 */
final class RestrictedUnpickler {
    /**
     * Turns a BINPERSID id into the storage it names. The zip and legacy formats write different
     * ids, so each reader brings its own; an id it does not know is a
     * {@link CheckpointFormatException}.
     */
    @FunctionalInterface
    interface PersistentLoad {
        StorageRef storage(Object id);
    }

    private final String source;
    private final ByteBuffer in;
    private final PersistentLoad persistentLoad;
    private final List<Object> stack = new ArrayList<>();
    private final Deque<Integer> marks = new ArrayDeque<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private RestrictedUnpickler(String source, ByteBuffer in, PersistentLoad persistentLoad) {
        this.source = source;
        this.in = in;
        this.persistentLoad = persistentLoad;
    }

    /**
     * Runs the zip's {@code pickle} (named {@code source} in errors) and returns the object it
     * builds; persistent ids are {@code ('storage', StorageType, key, location, numel)}.
     */
    static Object load(String source, byte[] pickle) {
        return loadNext(source, ByteBuffer.wrap(pickle), id -> zipStorage(source, id));
    }

    /**
     * Runs the pickle that starts at {@code stream}'s position and leaves the position just past
     * its STOP opcode, where the next pickle or raw data of a legacy stream begins.
     */
    static Object loadNext(String source, ByteBuffer stream, PersistentLoad persistentLoad) {
        RestrictedUnpickler machine = new RestrictedUnpickler(source,
                stream.order(ByteOrder.LITTLE_ENDIAN), persistentLoad);
        try {
            return machine.run();
        } catch (BufferUnderflowException e) {
            throw new CheckpointFormatException(source, "pickle ends before its STOP opcode"
                    + " (truncated)", e);
        } catch (IndexOutOfBoundsException | ClassCastException e) {
            throw new CheckpointFormatException(source, "corrupt pickle near byte "
                    + machine.in.position(), e);
        }
    }

    private Object run() {
        while (true) {
            int opcode = Byte.toUnsignedInt(in.get());
            switch (opcode) {
                case 0x80 -> in.get();                                       // PROTO n
                case 0x95 -> in.getLong();                                   // FRAME length
                case '.' -> {                                                // STOP
                    return pop();
                }
                case '(' -> marks.push(stack.size());                        // MARK
                case '}' -> push(new LinkedHashMap<Object, Object>());               // EMPTY_DICT
                case ']' -> push(new ArrayList<Object>());                   // EMPTY_LIST
                case ')' -> push(Collections.emptyList());                   // EMPTY_TUPLE
                case 't' -> push(tuple(popMark()));                          // TUPLE
                case 0x85 -> push(tuple(popN(1)));                           // TUPLE1
                case 0x86 -> push(tuple(popN(2)));                           // TUPLE2
                case 0x87 -> push(tuple(popN(3)));                           // TUPLE3
                case 'N' -> push(null);                                      // NONE
                case 0x88 -> push(Boolean.TRUE);                             // NEWTRUE
                case 0x89 -> push(Boolean.FALSE);                            // NEWFALSE
                case 'J' -> push((long) in.getInt());                        // BININT
                case 'K' -> push((long) Byte.toUnsignedInt(in.get()));       // BININT1
                case 'M' -> push((long) Short.toUnsignedInt(in.getShort())); // BININT2
                case 0x8a -> push(long1(Byte.toUnsignedInt(in.get())));      // LONG1
                case 'G' -> push(bigEndianDouble());                         // BINFLOAT
                case 'X' -> push(utf8(in.getInt()));                         // BINUNICODE
                case 0x8c -> push(utf8(Byte.toUnsignedInt(in.get())));       // SHORT_BINUNICODE
                case 'T' -> push(latin1(in.getInt()));                       // BINSTRING
                case 'U' -> push(latin1(Byte.toUnsignedInt(in.get())));      // SHORT_BINSTRING
                case 'B' -> push(bytes(in.getInt()));                        // BINBYTES
                case 'C' -> push(bytes(Byte.toUnsignedInt(in.get())));       // SHORT_BINBYTES
                case 'c' -> push(TorchGlobals.resolve(source, line(), line())); // GLOBAL
                case 0x93 -> stackGlobal();                                  // STACK_GLOBAL
                case 'R' -> reduce();                                        // REDUCE
                case 'b' -> build();                                         // BUILD
                case 'Q' -> push(persistentLoad.storage(pop()));             // BINPERSID
                case 's' -> setItems(popN(2));                               // SETITEM
                case 'u' -> setItems(popMark());                             // SETITEMS
                case 'a' -> appendAll(popN(1));                              // APPEND
                case 'e' -> appendAll(popMark());                            // APPENDS
                case 'q' -> memo.put((long) Byte.toUnsignedInt(in.get()), top()); // BINPUT
                case 'r' -> memo.put(Integer.toUnsignedLong(in.getInt()), top()); // LONG_BINPUT
                case 0x94 -> memo.put((long) memo.size(), top());            // MEMOIZE
                case 'h' -> push(memoGet(Byte.toUnsignedInt(in.get())));     // BINGET
                case 'j' -> push(memoGet(Integer.toUnsignedLong(in.getInt()))); // LONG_BINGET
                case '0' -> pop();                                           // POP
                case '1' -> popMark();                                       // POP_MARK
                case '2' -> push(top());                                     // DUP
                default -> throw new CheckpointFormatException(source, String.format(
                        "pickle opcode 0x%02x at byte %d is not allowed in a checkpoint", opcode,
                        in.position() - 1));
            }
        }
    }

    private void stackGlobal() {
        Object name = pop();
        Object module = pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
            throw new CheckpointFormatException(source, "STACK_GLOBAL needs two strings");
        }
        push(TorchGlobals.resolve(source, m, n));
    }

    private void reduce() {
        Object args = pop();
        Object callable = pop();
        if (!(callable instanceof TorchGlobals.Function function) || !(args instanceof List<?>)) {
            throw new CheckpointFormatException(source, "REDUCE of a non-callable " + callable);
        }
        @SuppressWarnings("unchecked")
        List<Object> arguments = (List<Object>) args;
        push(TorchGlobals.call(source, function, arguments));
    }

    /**
     * BUILD sets an object's state. torch's state dicts carry one: the OrderedDict's
     * {@code _metadata} attribute (module versions, no tensors), which we drop.
     */
    private void build() {
        Object state = pop();
        if (!(top() instanceof Map) || !(state == null || state instanceof Map)) {
            throw new CheckpointFormatException(source, "BUILD on " + typeOf(top())
                    + " is not part of a state dict");
        }
    }

    /** The zip's persistent id: {@code ('storage', StorageType, key, location, numel)}. */
    private static StorageRef zipStorage(String source, Object pid) {
        if (pid instanceof List<?> id && id.size() == 5 && "storage".equals(id.get(0))
                && id.get(1) instanceof TorchGlobals.StorageType type
                && id.get(2) instanceof String key && id.get(4) instanceof Long numel) {
            return new StorageRef(key, type.dtype(), numel);
        }
        throw new CheckpointFormatException(source, "unsupported persistent id " + pid);
    }

    @SuppressWarnings("unchecked")
    private void setItems(List<Object> items) {
        if (!(top() instanceof Map) || items.size() % 2 != 0) {
            throw new CheckpointFormatException(source, "SETITEMS on " + typeOf(top()));
        }
        Map<Object, Object> map = (Map<Object, Object>) top();
        for (int i = 0; i < items.size(); i += 2) {
            map.put(items.get(i), items.get(i + 1));
        }
    }

    @SuppressWarnings("unchecked")
    private void appendAll(List<Object> items) {
        if (!(top() instanceof ArrayList)) {
            throw new CheckpointFormatException(source, "APPENDS on " + typeOf(top()));
        }
        ((List<Object>) top()).addAll(items);
    }

    private Object long1(int length) {
        byte[] littleEndian = bytes(length);
        if (length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[length];
        for (int i = 0; i < length; i++) {
            bigEndian[i] = littleEndian[length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);                    // two's complement
        return value.bitLength() < Long.SIZE ? value.longValue() : value;
    }

    /** BINFLOAT alone among the opcodes is big-endian. */
    private double bigEndianDouble() {
        return Double.longBitsToDouble(Long.reverseBytes(in.getLong()));
    }

    private byte[] bytes(int length) {
        if (length < 0 || length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }

    private String utf8(int length) {
        return new String(bytes(length), StandardCharsets.UTF_8);
    }

    private String latin1(int length) {
        return new String(bytes(length), StandardCharsets.ISO_8859_1);
    }

    /** A GLOBAL operand: text up to a newline. */
    private String line() {
        StringBuilder text = new StringBuilder();
        for (byte b = in.get(); b != '\n'; b = in.get()) {
            text.append((char) (b & 0xff));
        }
        return text.toString();
    }

    private Object memoGet(long index) {
        if (!memo.containsKey(index)) {
            throw new CheckpointFormatException(source, "pickle reads memo " + index
                    + " before writing it");
        }
        return memo.get(index);
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(Arrays.asList(items.toArray()));
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new CheckpointFormatException(source, "pickle pops a MARK it never set");
        }
        return popN(stack.size() - marks.pop());
    }

    private List<Object> popN(int n) {
        List<Object> tail = stack.subList(stack.size() - n, stack.size());
        List<Object> items = new ArrayList<>(tail);
        tail.clear();
        return items;
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object pop() {
        return stack.remove(stack.size() - 1);
    }

    private Object top() {
        return stack.get(stack.size() - 1);
    }

    private static String typeOf(Object value) {
        return value == null ? "None" : value.getClass().getSimpleName();
    }
}
