package diffusionsat.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy {@code .npy} files (format 1.0-3.0, C order, little-endian) as written by the
 * reference generator: float32, float64, int64 and int32 arrays.
 */
public record Npy(String dtype, long[] shape, ByteBuffer data) {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=]?\\w+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*True");

    public static Npy read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        buf.get(magic);
        if (!"\u0093NUMPY".equals(new String(magic, StandardCharsets.ISO_8859_1))) {
            throw new IOException(file + ": not an .npy file");
        }
        int major = buf.get();
        buf.get(); // minor version
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] header = new byte[headerLength];
        buf.get(header);
        String text = new String(header, StandardCharsets.ISO_8859_1);
        Matcher descr = DESCR.matcher(text);
        Matcher shape = SHAPE.matcher(text);
        if (!descr.find() || !shape.find() || FORTRAN.matcher(text).find()) {
            throw new IOException(file + ": unsupported header " + text);
        }
        String type = descr.group(1).replace("<", "").replace("|", "").replace("=", "");
        long[] dims = Arrays.stream(shape.group(1).split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .mapToLong(Long::parseLong)
                .toArray();
        return new Npy(type, dims, buf.slice().order(ByteOrder.LITTLE_ENDIAN));
    }

    public long size() {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    /** The values as float32, narrowing float64 and int64 where needed. */
    public float[] floats() {
        double[] d = doubles();
        float[] out = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (float) d[i];
        }
        return out;
    }

    /** The values as float64, whatever the stored type. */
    public double[] doubles() {
        int n = Math.toIntExact(size());
        double[] out = new double[n];
        ByteBuffer b = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            out[i] = switch (dtype) {
                case "f4" -> b.getFloat();
                case "f8" -> b.getDouble();
                case "i8" -> b.getLong();
                case "i4" -> b.getInt();
                case "u1" -> Byte.toUnsignedInt(b.get());
                default -> throw new IllegalStateException("unsupported dtype " + dtype);
            };
        }
        return out;
    }

    /** The values as int64 (timesteps, token ids). */
    public long[] longs() {
        double[] d = doubles();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = (long) d[i];
        }
        return out;
    }
}
