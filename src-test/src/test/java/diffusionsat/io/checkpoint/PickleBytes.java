package diffusionsat.io.checkpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes pickle opcodes by hand, to build test checkpoints that torch.save would write (and
 * malicious ones it never would) without Python. Opcode values are those of CPython's
 * {@code pickletools}.
 */
final class PickleBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PickleBytes proto(int version) {
        return op(0x80).op(version);
    }

    /** GLOBAL: {@code c module\n name\n}. */
    PickleBytes global(String module, String name) {
        op('c');
        raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** SHORT_BINUNICODE (protocol 4). */
    PickleBytes shortString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op(0x8c).op(utf8.length);
        raw(utf8);
        return this;
    }

    /** BINUNICODE. */
    PickleBytes string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        op('X');
        int32(utf8.length);
        raw(utf8);
        return this;
    }

    /** BININT (4 bytes, signed). */
    PickleBytes integer(int value) {
        op('J');
        int32(value);
        return this;
    }

    PickleBytes ints(long... values) {
        mark();
        for (long v : values) {
            integer(Math.toIntExact(v));
        }
        return tuple();
    }

    PickleBytes mark() {
        return op('(');
    }

    PickleBytes tuple() {
        return op('t');
    }

    PickleBytes emptyTuple() {
        return op(')');
    }

    PickleBytes emptyDict() {
        return op('}');
    }

    PickleBytes newFalse() {
        return op(0x89);
    }

    PickleBytes reduce() {
        return op('R');
    }

    PickleBytes persid() {
        return op('Q');
    }

    PickleBytes setItems() {
        return op('u');
    }

    PickleBytes stop() {
        return op('.');
    }

    PickleBytes op(int opcode) {
        out.write(opcode);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /**
     * One state-dict entry as torch.save pickles it: {@code name: _rebuild_tensor_v2(storage,
     * offset, shape, stride, False, OrderedDict())} with the persistent id
     * {@code ('storage', torch.<storageClass>, key, 'cpu', numel)}.
     */
    PickleBytes tensorEntry(String name, String storageClass, String key, long numel,
            long offset, long[] shape, long[] stride) {
        string(name).global("torch._utils", "_rebuild_tensor_v2").mark();
        mark().string("storage").global("torch", storageClass).string(key).string("cpu")
                .integer(Math.toIntExact(numel)).tuple().persid();
        integer(Math.toIntExact(offset)).ints(shape).ints(stride).newFalse();
        global("collections", "OrderedDict").emptyTuple().reduce();
        return tuple().reduce();
    }

    /** Starts {@code OrderedDict()} and a MARK for the entries that {@link #endStateDict} sets. */
    PickleBytes beginStateDict() {
        return proto(2).global("collections", "OrderedDict").emptyTuple().reduce().mark();
    }

    PickleBytes endStateDict() {
        return setItems().stop();
    }

    /** A torch.save-style zip: {@code <archive>/data.pkl}, {@code <archive>/data/<key>}. */
    static void writeZip(Path file, String archive, byte[] pickle, Map<String, byte[]> storages) {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry(archive + "/data.pkl"));
            zip.write(pickle);
            for (Map.Entry<String, byte[]> storage : storages.entrySet()) {
                zip.putNextEntry(new ZipEntry(archive + "/data/" + storage.getKey()));
                zip.write(storage.getValue());
            }
            zip.putNextEntry(new ZipEntry(archive + "/version"));
            zip.write("3\n".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void int32(int value) {
        out.write(value);
        out.write(value >>> 8);
        out.write(value >>> 16);
        out.write(value >>> 24);
    }

    private void raw(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
    }
}
