package diffusionsat.io.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each name
 * to {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end of the header;
 * optional {@code __metadata__}), then the raw little-endian tensor bytes. Every offset is checked
 * against the file's size, so a truncated file fails naming the first tensor it cuts.
 */
final class SafetensorsFormat {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String METADATA = "__metadata__";
    /** The format's own limit on header size, which also guards against a garbage length. */
    private static final long MAX_HEADER = 100L << 20;

    private SafetensorsFormat() {}

    static StateDict read(Path file) {
        String source = file.toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long headerLength = size < Long.BYTES ? -1 : readFully(channel, 0, Long.BYTES)
                    .order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > Math.min(MAX_HEADER, size - Long.BYTES)) {
                throw new CheckpointFormatException(source, "safetensors header length "
                        + headerLength + " does not fit a file of " + size
                        + " bytes (truncated or not safetensors)");
            }
            JsonNode header = parseHeader(source, readFully(channel, Long.BYTES, headerLength));
            long dataStart = Long.BYTES + headerLength;
            List<HostTensor> tensors = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (!field.getKey().equals(METADATA)) {
                    tensors.add(readTensor(source, channel, dataStart, field.getKey(),
                            field.getValue()));
                }
            }
            return StateDict.of(source, tensors);
        } catch (IOException e) {
            throw new CheckpointFormatException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    static void write(StateDict dict, Path file) {
        ObjectNode header = JSON.createObjectNode();
        header.putObject(METADATA).put("format", "pt");        // what transformers checks for
        long offset = 0;
        for (HostTensor tensor : dict) {
            ObjectNode entry = header.putObject(tensor.name());
            entry.put("dtype", tensor.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
            entry.putArray("data_offsets").add(offset).add(offset + tensor.data().length);
            offset += tensor.data().length;
        }
        try {
            byte[] json = JSON.writeValueAsBytes(header);
            // Pad with spaces to a multiple of 8 so that the data is aligned, as the format's
            // reference writer does.
            int padded = (json.length + 7) / 8 * 8;
            byte[] headerBytes = Arrays.copyOf(json, padded);
            Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
            AtomicFiles.write(file, out -> {
                out.write(ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(padded).array());
                out.write(headerBytes);
                for (HostTensor tensor : dict) {
                    out.write(tensor.data());
                }
            });
        } catch (IOException e) {
            throw new CheckpointFormatException(file.toString(), "cannot write: " + e.getMessage(),
                    e);
        }
    }

    private static JsonNode parseHeader(String source, ByteBuffer bytes) {
        try {
            JsonNode header = JSON.readTree(new String(bytes.array(), StandardCharsets.UTF_8));
            if (header == null || !header.isObject()) {
                throw new CheckpointFormatException(source, "safetensors header is not an object");
            }
            return header;
        } catch (JsonProcessingException e) {
            throw new CheckpointFormatException(source, "safetensors header is not valid JSON", e);
        }
    }

    private static HostTensor readTensor(String source, FileChannel channel, long dataStart,
            String name, JsonNode entry) throws IOException {
        TensorDType dtype = dtypeOf(source, name, entry.path("dtype").asText());
        JsonNode shapeNode = entry.path("shape");
        JsonNode offsets = entry.path("data_offsets");
        if (!shapeNode.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw new CheckpointFormatException(source, "tensor " + name
                    + ": header entry lacks shape or data_offsets: " + entry);
        }
        long[] shape = new long[shapeNode.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong(-1);
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        long dataLength = channel.size() - dataStart;
        if (Arrays.stream(shape).anyMatch(d -> d < 0) || begin < 0 || end < begin
                || end - begin != HostTensor.numel(shape) * dtype.byteSize()) {
            throw new CheckpointFormatException(source, "tensor " + name + ": data_offsets ["
                    + begin + ", " + end + ") do not hold shape " + Arrays.toString(shape)
                    + " of " + dtype);
        }
        if (end > dataLength) {
            throw new CheckpointFormatException(source, "tensor " + name + ": bytes [" + begin
                    + ", " + end + ") lie past the end of the data (" + dataLength
                    + " bytes): truncated file");
        }
        return new HostTensor(name, dtype, shape,
                readFully(channel, dataStart + begin, end - begin).array());
    }

    private static TensorDType dtypeOf(String source, String name, String dtype) {
        try {
            return TensorDType.valueOf(dtype);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException(source, "tensor " + name + ": unsupported dtype '"
                    + dtype + "'", e);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, long length)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(length));
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("file ends at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
