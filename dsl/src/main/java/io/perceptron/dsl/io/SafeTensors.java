package io.perceptron.dsl.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safetensors file, the format Hugging Face publishes weights in: an 8-byte little-endian header
 * length, a JSON header naming each tensor with its dtype, shape and byte range, then the raw
 * little-endian tensors one after another. {@link #open(Path)} reads and checks the header only;
 * {@link #read(String, NDManager)} maps one tensor's bytes from the file (no copy on the Java heap)
 * and copies them once into an NDArray (BF16 and I16 are widened to F32 and I32 on the way, exactly,
 * because DJL's PyTorch engine takes neither from a buffer).
 *
 * <p>Every byte range is checked before anything is read: a truncated file, a range past the end,
 * two tensors sharing bytes, bytes that belong to no tensor, or a range whose length does not match
 * the shape and dtype is an error naming the tensor. Supported dtypes: F64, F32, F16, BF16, I64, I32,
 * I16, I8, U8 and BOOL.
 *
 * <pre>{@code
 * SafeTensors.open(Path.of("model.safetensors")).use { weights ->
 *     weights.names().size                                   // 104
 *     weights.shape("embeddings.word_embeddings.weight")     // (30522, 384)
 *     val w = weights.read("pooler.dense.bias", manager)     // an NDArray of 384 floats
 * }
 * SafeTensors.open(Path.of("notes.txt"))   // error: ... its first 8 bytes give a header of 8241904413164529748 bytes (for a file starting "These ar"), but ...
 * }</pre>
 */
public final class SafeTensors implements AutoCloseable {
    /** Bytes of the little-endian header length that starts every file. */
    private static final int LENGTH_BYTES = 8;
    /** The reference implementation refuses larger headers, so a forged length cannot exhaust memory. */
    private static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;
    /** The header key that holds free-form string metadata instead of a tensor. */
    private static final String METADATA = "__metadata__";
    /** The dtype names of the format and the DJL types they become. */
    private static final Map<String, DataType> DTYPES = dtypes();
    private static final TypeAdapter<JsonElement> JSON = new Gson().getAdapter(JsonElement.class);

    private final Path file;
    private final FileChannel channel;
    private final long dataStart;
    private final Map<String, Entry> entries;
    private final Map<String, String> metadata;

    private SafeTensors(Path file, FileChannel channel, long dataStart, Map<String, Entry> entries,
                        Map<String, String> metadata) {
        this.file = file;
        this.channel = channel;
        this.dataStart = dataStart;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** One tensor as the header describes it: where its bytes lie in the data section. */
    private record Entry(String name, String dtype, DataType stored, Shape shape, long begin, long end) {
        /** The type of the arrays read: the stored one, but BF16 and I16 widened (see {@link #widen}). */
        DataType type() {
            return stored == DataType.BFLOAT16 ? DataType.FLOAT32 : stored == DataType.INT16 ? DataType.INT32 : stored;
        }
    }

    /**
     * Opens a safetensors file and checks its header; the tensors are read one at a time with
     * {@link #read(String, NDManager)}. Close it (or use try-with-resources, Kotlin's {@code use}) when done.
     *
     * @throws PerceptronException when the file is missing, unreadable or not a valid safetensors file
     */
    public static SafeTensors open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw WeightFileErrors.missingFile(file);
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (IOException e) {
            throw WeightFileErrors.unreadable(file, e);
        }
        try {
            long size = channel.size();
            if (size < LENGTH_BYTES) {
                throw WeightFileErrors.tooShort(file, size);
            }
            long headerLength = readFully(channel, 0, LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > size - LENGTH_BYTES) {
                throw WeightFileErrors.badHeaderLength(file, headerLength, size, MAX_HEADER_BYTES);
            }
            JsonObject header = parseHeader(file, readFully(channel, LENGTH_BYTES, (int) headerLength));
            long dataStart = LENGTH_BYTES + headerLength;
            Map<String, String> metadata = new LinkedHashMap<>();
            Map<String, Entry> entries = entries(file, header, metadata);
            checkLayout(file, entries, size - dataStart);
            return new SafeTensors(file, channel, dataStart, entries, Collections.unmodifiableMap(metadata));
        } catch (IOException e) {
            closeQuietly(channel);
            throw WeightFileErrors.unreadable(file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The file this was opened from. */
    public Path file() {
        return file;
    }

    /** The tensor names, in the order their bytes lie in the file. */
    public List<String> names() {
        return List.copyOf(entries.keySet());
    }

    /** Whether the file holds a tensor of this name. */
    public boolean contains(String name) {
        return entries.containsKey(name);
    }

    /** The shape of a tensor, from the header (nothing is read). */
    public Shape shape(String name) {
        return entry(name).shape();
    }

    /** The data type of a tensor as the file stores it: {@code "F32"}, {@code "F16"}, {@code "BF16"}, ... */
    public String dtype(String name) {
        return entry(name).dtype();
    }

    /**
     * The DJL data type {@link #read} gives the tensor: F32 is {@code FLOAT32}, F16 {@code FLOAT16};
     * BF16 becomes {@code FLOAT32} and I16 {@code INT32}, with the same values.
     */
    public DataType dataType(String name) {
        return entry(name).type();
    }

    /** The header's free-form {@code __metadata__} strings; empty when it has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** How many numbers all the tensors hold together. */
    public long valueCount() {
        return entries.values().stream().mapToLong(entry -> entry.shape().size()).sum();
    }

    /**
     * Reads one tensor into a new NDArray of {@code manager}, of type {@link #dataType(String)}: its
     * bytes are mapped from the file and copied once into memory the array owns, so the array stays
     * valid after {@link #close()}.
     *
     * @throws PerceptronException when there is no tensor of that name
     */
    public NDArray read(String name, NDManager manager) {
        Entry entry = entry(name);
        if (entry.shape().size() == 0) {
            return manager.create(entry.shape(), entry.type());
        }
        if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
            throw WeightFileErrors.bigEndianMachine(file);
        }
        long length = entry.end() - entry.begin();
        if (length > Integer.MAX_VALUE) {
            throw WeightFileErrors.tensorTooLarge(file, name, length);
        }
        ByteBuffer bytes;
        try {
            bytes = channel.map(FileChannel.MapMode.READ_ONLY, dataStart + entry.begin(), length);
        } catch (IOException e) {
            throw WeightFileErrors.unreadable(file, e);
        }
        bytes.order(ByteOrder.LITTLE_ENDIAN);
        if (!entry.type().equals(entry.stored())) {
            bytes = widen(bytes, entry.stored());
        }
        // On the CPU DJL wraps a direct buffer without copying it; duplicate() makes the one copy the
        // caller owns, so nothing refers to the read-only mapping once this returns.
        try (NDManager scratch = manager.newSubManager()) {
            NDArray mapped = scratch.create(bytes, entry.shape(), entry.type());
            NDArray copy = mapped.duplicate();
            copy.attach(manager);
            return copy;
        }
    }

    /**
     * BF16 as F32 and I16 as I32, exactly: DJL's PyTorch engine cannot make an array of either type
     * from a buffer. A bfloat16 is the upper half of the float32 with the same value.
     */
    private static ByteBuffer widen(ByteBuffer halves, DataType stored) {
        int count = halves.remaining() / 2;
        ByteBuffer wide = ByteBuffer.allocateDirect(4 * count).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            short bits = halves.getShort(2 * i);
            wide.putInt(stored == DataType.BFLOAT16 ? (bits & 0xFFFF) << 16 : bits);
        }
        return wide.flip();
    }

    /** Closes the file; arrays already read stay valid. */
    @Override
    public void close() {
        closeQuietly(channel);
    }

    /** The file, how many tensors and numbers it holds, and their data types. */
    @Override
    public String toString() {
        List<String> types = entries.values().stream().map(Entry::dtype).distinct().sorted().toList();
        return "SafeTensors(" + file.getFileName() + ": " + entries.size() + " tensors, "
                + String.format("%,d", valueCount()) + " numbers" + (types.isEmpty() ? "" : ", " + String.join("/", types))
                + ")";
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw WeightFileErrors.noSuchTensor(file, name, names());
        }
        return entry;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the file ended while reading bytes " + position + " to " + (position + length));
            }
        }
        return buffer.flip();
    }

    private static JsonObject parseHeader(Path file, ByteBuffer bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw WeightFileErrors.headerNotJson(file, "it is not UTF-8 text");
        }
        JsonElement json;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            // Strict: a forged header should fail here, not be read generously.
            reader.setStrictness(Strictness.STRICT);
            json = JSON.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw WeightFileErrors.headerNotJson(file, "more text follows the JSON object, at "
                        + reader.getPath());
            }
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw WeightFileErrors.headerNotJson(file, e.getMessage());
        }
        if (!json.isJsonObject()) {
            throw WeightFileErrors.headerNotJson(file, "it is " + kind(json) + ", not an object of tensors");
        }
        return json.getAsJsonObject();
    }

    private static Map<String, Entry> entries(Path file, JsonObject header, Map<String, String> metadata) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> field : header.entrySet()) {
            String name = field.getKey();
            if (METADATA.equals(name)) {
                readMetadata(file, field.getValue(), metadata);
                continue;
            }
            entries.put(name, entry(file, name, field.getValue()));
        }
        List<Entry> ordered = new ArrayList<>(entries.values());
        ordered.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        Map<String, Entry> byOffset = new LinkedHashMap<>();
        ordered.forEach(entry -> byOffset.put(entry.name(), entry));
        return Collections.unmodifiableMap(byOffset);
    }

    private static void readMetadata(Path file, JsonElement value, Map<String, String> metadata) {
        if (!value.isJsonObject()) {
            throw WeightFileErrors.badField(file, METADATA, "must be an object of strings, but is " + kind(value));
        }
        for (Map.Entry<String, JsonElement> item : value.getAsJsonObject().entrySet()) {
            JsonElement text = item.getValue();
            if (!text.isJsonPrimitive() || !text.getAsJsonPrimitive().isString()) {
                throw WeightFileErrors.badField(file, METADATA, "entry '" + item.getKey()
                        + "' must be a string, but is " + kind(text));
            }
            metadata.put(item.getKey(), text.getAsString());
        }
    }

    private static Entry entry(Path file, String name, JsonElement value) {
        if (!value.isJsonObject()) {
            throw WeightFileErrors.badField(file, name, "must be an object with dtype, shape and data_offsets, but is "
                    + kind(value));
        }
        JsonObject fields = value.getAsJsonObject();
        JsonElement dtypeField = fields.get("dtype");
        if (dtypeField == null || !dtypeField.isJsonPrimitive() || !dtypeField.getAsJsonPrimitive().isString()) {
            throw WeightFileErrors.badField(file, name, "needs a dtype string such as \"F32\"");
        }
        String dtype = dtypeField.getAsString();
        DataType type = DTYPES.get(dtype);
        if (type == null) {
            throw WeightFileErrors.unsupportedDtype(file, name, dtype, DTYPES.keySet());
        }
        long[] dims = naturals(file, name, fields.get("shape"), "shape", -1);
        long[] offsets = naturals(file, name, fields.get("data_offsets"), "data_offsets", 2);
        if (offsets[1] < offsets[0]) {
            throw WeightFileErrors.badField(file, name, "has data_offsets [" + offsets[0] + ", " + offsets[1]
                    + "]: the end lies before the start");
        }
        Shape shape = new Shape(dims);
        long needed = byteCount(file, name, dims, type);
        if (offsets[1] - offsets[0] != needed) {
            throw WeightFileErrors.wrongByteCount(file, name, dtype, shape, needed, offsets[0], offsets[1]);
        }
        return new Entry(name, dtype, type, shape, offsets[0], offsets[1]);
    }

    /** A JSON array of whole numbers of at least 0; {@code length} -1 takes any length. */
    private static long[] naturals(Path file, String name, JsonElement value, String field, int length) {
        String wanted = length < 0 ? "an array of sizes (whole numbers of at least 0)"
                : "an array of " + length + " byte offsets (whole numbers of at least 0)";
        if (value == null || !value.isJsonArray()) {
            throw WeightFileErrors.badField(file, name, "needs " + field + ": " + wanted);
        }
        JsonArray array = value.getAsJsonArray();
        if (length >= 0 && array.size() != length) {
            throw WeightFileErrors.badField(file, name, "has " + field + " " + array + ", but needs " + wanted);
        }
        long[] numbers = new long[array.size()];
        for (int i = 0; i < numbers.length; i++) {
            JsonElement item = array.get(i);
            long number = -1;
            if (item.isJsonPrimitive() && item.getAsJsonPrimitive().isNumber()) {
                try {
                    number = item.getAsJsonPrimitive().getAsBigDecimal().longValueExact();
                } catch (ArithmeticException notWhole) {
                    number = -1;
                }
            }
            if (number < 0) {
                throw WeightFileErrors.badField(file, name, "has " + field + " " + array + ", but needs " + wanted);
            }
            numbers[i] = number;
        }
        return numbers;
    }

    private static long byteCount(Path file, String name, long[] dims, DataType type) {
        try {
            long count = type.getNumOfBytes();
            for (long dim : dims) {
                count = Math.multiplyExact(count, dim);
            }
            return count;
        } catch (ArithmeticException tooLarge) {
            throw WeightFileErrors.badField(file, name, "has a shape too large to address: " + new Shape(dims));
        }
    }

    /**
     * The data section must be covered exactly: tensors one after another from byte 0 to its end,
     * with no byte shared and none left over, as the reference implementation requires.
     */
    private static void checkLayout(Path file, Map<String, Entry> entries, long dataBytes) {
        long covered = 0;
        Entry previous = null;
        for (Entry entry : entries.values()) {
            if (entry.end() > dataBytes) {
                throw WeightFileErrors.pastTheEnd(file, entry.name(), entry.begin(), entry.end(), dataBytes);
            }
            if (entry.begin() < covered) {
                throw WeightFileErrors.overlap(file, previous.name(), previous.begin(), previous.end(), entry.name(),
                        entry.begin(), entry.end());
            }
            if (entry.begin() > covered) {
                throw WeightFileErrors.gap(file, covered, entry.begin(), previous == null ? null : previous.name(),
                        entry.name());
            }
            covered = entry.end();
            previous = entry;
        }
        if (covered < dataBytes) {
            throw WeightFileErrors.trailingBytes(file, covered, dataBytes);
        }
    }

    private static String kind(JsonElement json) {
        if (json.isJsonArray()) {
            return "an array";
        }
        if (json.isJsonNull()) {
            return "null";
        }
        if (json.isJsonPrimitive()) {
            return json.getAsJsonPrimitive().isString() ? "a string" : "the value " + json;
        }
        return "an object";
    }

    private static Map<String, DataType> dtypes() {
        Map<String, DataType> types = new LinkedHashMap<>();
        types.put("F64", DataType.FLOAT64);
        types.put("F32", DataType.FLOAT32);
        types.put("F16", DataType.FLOAT16);
        types.put("BF16", DataType.BFLOAT16);
        types.put("I64", DataType.INT64);
        types.put("I32", DataType.INT32);
        types.put("I16", DataType.INT16);
        types.put("I8", DataType.INT8);
        types.put("U8", DataType.UINT8);
        types.put("BOOL", DataType.BOOLEAN);
        return Collections.unmodifiableMap(types);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Closing a read-only channel loses nothing; the caller's error, if any, matters more.
        }
    }
}
