package io.perceptron.dsl.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes small safetensors files for tests, laid out as the format says: tensors one after another,
 * the header padded with spaces to a multiple of 8 bytes as the reference writer does. {@link #raw}
 * writes any header text and data bytes, for files that break the format on purpose.
 */
public final class SafeTensorsFiles {
    private final List<String> fields = new ArrayList<>();
    private final List<byte[]> data = new ArrayList<>();
    private long offset;

    /** Adds a tensor whose bytes are given already encoded (little-endian). */
    public SafeTensorsFiles tensor(String name, String dtype, long[] shape, byte[] bytes) {
        String dims = Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(","));
        fields.add("\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":[" + dims + "],\"data_offsets\":["
                + offset + "," + (offset + bytes.length) + "]}");
        data.add(bytes);
        offset += bytes.length;
        return this;
    }

    /** Adds a float32 tensor. */
    public SafeTensorsFiles f32(String name, long[] shape, float... values) {
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return tensor(name, "F32", shape, bytes.array());
    }

    /** Adds a free-form metadata entry. */
    public SafeTensorsFiles metadata(String json) {
        fields.add(0, "\"__metadata__\":" + json);
        return this;
    }

    /** Writes the file. */
    public Path write(Path file) {
        ByteBuffer all = ByteBuffer.allocate((int) offset);
        data.forEach(all::put);
        return raw(file, "{" + String.join(",", fields) + "}", all.array());
    }

    /** Writes a file of this header text (padded to 8 bytes) and these data bytes, whatever they say. */
    public static Path raw(Path file, String header, byte[] data) {
        byte[] text = header.getBytes(StandardCharsets.UTF_8);
        int padded = (text.length + 7) / 8 * 8;
        ByteBuffer bytes = ByteBuffer.allocate(8 + padded + data.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putLong(padded).put(text);
        for (int i = text.length; i < padded; i++) {
            bytes.put((byte) ' ');
        }
        bytes.put(data);
        try {
            return Files.write(file, bytes.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} little-endian bit patterns of 16 bits each (F16 and BF16 values). */
    public static byte[] halves(int... bits) {
        ByteBuffer bytes = ByteBuffer.allocate(2 * bits.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : bits) {
            bytes.putShort((short) value);
        }
        return bytes.array();
    }

    /** Little-endian 64-bit integers. */
    public static byte[] longs(long... values) {
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long value : values) {
            bytes.putLong(value);
        }
        return bytes.array();
    }
}
