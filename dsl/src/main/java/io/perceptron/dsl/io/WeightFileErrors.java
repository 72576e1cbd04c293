package io.perceptron.dsl.io;

import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.PerceptronException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Every message about the files of published weights: a safetensors file that is missing, truncated
 * or forged, and a pretrained model of an unknown name. (A known model that is not installed is
 * reported by {@code data/ShippedFiles}, as every file shipped in a Python package.) Each names the file and, where there
 * is one, the tensor.
 */
public final class WeightFileErrors {
    /** How many names a "no such tensor" message lists before it says how many more there are. */
    private static final int NAMES_SHOWN = 8;

    private WeightFileErrors() {
    }

    static PerceptronException missingFile(Path file) {
        return new PerceptronException("No weights file at " + file.toAbsolutePath()
                + ". Pass the path of a .safetensors file (a model folder holds it as model.safetensors).");
    }

    static PerceptronException unreadable(Path file, IOException cause) {
        return new PerceptronException("Could not read " + file + ": " + cause.getMessage(), cause);
    }

    static PerceptronException tooShort(Path file, long size) {
        return new PerceptronException(file + " is not a safetensors file: it is " + size + " bytes long, and a"
                + " safetensors file starts with an 8-byte header length followed by a JSON header.");
    }

    static PerceptronException badHeaderLength(Path file, long length, long size, long limit) {
        String problem = length > size - 8 ? "the file has only " + (size - 8) + " bytes after the length (truncated?)"
                : length > limit ? "the format allows at most " + limit
                : "a header is a JSON object, at least {}";
        return new PerceptronException(file + " is not a valid safetensors file: its first 8 bytes give a header of "
                + length + " bytes, but " + problem + ". Download or export the file again.");
    }

    static PerceptronException headerNotJson(Path file, String reason) {
        return new PerceptronException("The header of " + file + " is not a valid safetensors header: " + reason
                + ". It should be a JSON object of tensor names, each with dtype, shape and data_offsets.");
    }

    static PerceptronException badField(Path file, String tensor, String problem) {
        return new PerceptronException("Tensor '" + tensor + "' in " + file + " " + problem + ".");
    }

    static PerceptronException unsupportedDtype(Path file, String tensor, String dtype, Collection<String> known) {
        return new PerceptronException("Tensor '" + tensor + "' in " + file + " has dtype " + dtype
                + ", which the DSL cannot read. Readable dtypes: " + String.join(", ", known) + ".");
    }

    static PerceptronException wrongByteCount(Path file, String tensor, String dtype, Shape shape, long needed,
                                              long begin, long end) {
        return new PerceptronException("Tensor '" + tensor + "' in " + file + " is " + dtype + " shaped " + shape
                + ", which takes " + needed + " bytes, but its data_offsets [" + begin + ", " + end + "] span "
                + (end - begin) + " bytes. The header is corrupt: export the file again.");
    }

    static PerceptronException pastTheEnd(Path file, String tensor, long begin, long end, long dataBytes) {
        return new PerceptronException("Tensor '" + tensor + "' in " + file + " lies at bytes [" + begin + ", " + end
                + ") of the data, but the file holds only " + dataBytes + " bytes of data after its header:"
                + " the file is truncated. Download or export it again.");
    }

    static PerceptronException overlap(Path file, String first, long firstBegin, long firstEnd, String second,
                                       long secondBegin, long secondEnd) {
        return new PerceptronException("Tensors '" + first + "' [" + firstBegin + ", " + firstEnd + ") and '"
                + second + "' [" + secondBegin + ", " + secondEnd + ") in " + file
                + " share bytes; in a safetensors file every tensor has bytes of its own. The header is corrupt.");
    }

    static PerceptronException gap(Path file, long from, long to, String before, String after) {
        return new PerceptronException("Bytes [" + from + ", " + to + ") of the data in " + file
                + " belong to no tensor (" + (before == null ? "before the first tensor, '" + after + "'"
                : "between '" + before + "' and '" + after + "'") + "); the format leaves no holes."
                + " The header is corrupt or a tensor was removed from it.");
    }

    static PerceptronException trailingBytes(Path file, long covered, long dataBytes) {
        return new PerceptronException("The last " + (dataBytes - covered) + " bytes of " + file
                + " belong to no tensor: the tensors end at byte " + covered + " of " + dataBytes
                + " bytes of data. The header is corrupt or a tensor was removed from it.");
    }

    static PerceptronException noSuchTensor(Path file, String tensor, List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
        String more = names.size() > NAMES_SHOWN ? " and " + (names.size() - NAMES_SHOWN) + " more" : "";
        return new PerceptronException(file + " has no tensor '" + tensor + "'. It holds " + names.size()
                + " tensors: " + (names.isEmpty() ? "none" : shown + more) + ". names() lists them all.");
    }

    static PerceptronException tensorTooLarge(Path file, String tensor, long bytes) {
        return new PerceptronException(String.format(Locale.ROOT, "Tensor '%s' in %s takes %,d bytes; the DSL reads"
                + " tensors of up to 2 GiB each.", tensor, file, bytes));
    }

    static PerceptronException bigEndianMachine(Path file) {
        return new PerceptronException("Cannot read " + file + " on this machine: safetensors data is little-endian"
                + " and this JVM runs big-endian.");
    }

    static PerceptronException unknownModel(String name, Collection<String> known) {
        return new PerceptronException("No pretrained model is called '" + name + "'. Known by name: "
                + String.join(", ", known) + ". Any other BERT-shaped checkpoint loads from its folder (config.json,"
                + " model.safetensors, tokenizer.json): Pretrained.load(Path.of(\"/path/to/folder\")).");
    }
}
