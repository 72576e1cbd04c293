package io.perceptron.dsl.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.perceptron.dsl.model.Network;
import io.perceptron.dsl.model.NoGradient;
import io.perceptron.dsl.model.Signature;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a network's parameters to one file and loads them back into a network built the same way.
 * The file also holds what the model was trained on (columns, classes, loss), so a loaded model
 * predicts in the same terms as the one that was saved. Reached through {@code model.save(path)},
 * {@code model.loadParameters(path)} and training's {@code checkpoint(path)}.
 *
 * <pre>{@code
 * model.save(Path.of("moons.params"))
 * val again = Model.sequential().input(2).dense(16).relu().dense(2)   // built the same way
 * again.loadParameters(Path.of("moons.params"))
 * again.predict(data)                                                   // the same predictions
 * Model.sequential().input(2).dense(8).loadParameters(Path.of("moons.params"))   // PerceptronException: ... do not fit this model
 * }</pre>
 *
 * <p>Format: the text {@value #MAGIC}, a format version, the signature as JSON (empty if the model
 * was never trained), then each parameter by its path in the block (e.g. {@code 01Linear_weight})
 * with the array in DJL's encoding. Loading copies values into the existing arrays, so the model
 * keeps its parameter objects, their devices and which of them are frozen.
 */
public final class SavedModel {
    static final String MAGIC = "PERCEPTRON-PARAMETERS";
    static final int VERSION = 1;

    private SavedModel() {
    }

    /** Saves {@code network}'s parameters, and what it was trained on, to {@code file} (replaced if it exists). */
    public static void save(Network network, Path file) {
        save(network, network.signature(), file);
    }

    /**
     * Saves {@code network}'s parameters with {@code signature}, the data it is being trained on
     * (training checkpoints save before the run ends and the network remembers it), to {@code path},
     * replacing it atomically; {@code signature} may be {@code null} for a network never trained.
     */
    public static void save(Network network, Signature signature, Path path) {
        ai.djl.Model djl = network.djl();
        Path absolute = path.toAbsolutePath();
        try {
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(partial)))) {
                out.writeUTF(MAGIC);
                out.writeInt(VERSION);
                writeText(out, signature == null ? "" : signature.toJson());
                List<Pair<String, Parameter>> parameters = parameters(djl);
                out.writeInt(parameters.size());
                for (Pair<String, Parameter> entry : parameters) {
                    out.writeUTF(entry.getKey());
                    byte[] encoded = entry.getValue().getArray().encode();
                    out.writeInt(encoded.length);
                    out.write(encoded);
                }
            }
            Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw SavedModelErrors.cannotSave(path, e);
        }
    }

    /**
     * Reads {@code path} into the parameters of {@code network}, which must have the same
     * parameters with the same shapes, and makes it remember the signature stored with them;
     * returns that signature ({@code null} if none).
     */
    public static Signature load(Network network, Path path) {
        ai.djl.Model djl = network.djl();
        if (!Files.isRegularFile(path)) {
            throw SavedModelErrors.cannotLoad(path, "there is no such file", null);
        }
        List<Pair<String, Parameter>> parameters = parameters(djl);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)));
             NDManager manager = djl.getNDManager().newSubManager()) {
            String magic = readMagic(in);
            if (!MAGIC.equals(magic)) {
                throw SavedModelErrors.cannotLoad(path, "it is not a Perceptron parameter file (saved with model.save)", null);
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw SavedModelErrors.cannotLoad(path, "it has format version " + version + ", this version reads "
                        + VERSION, null);
            }
            String json = readText(in);
            int count = in.readInt();
            Map<String, NDArray> stored = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                byte[] encoded = new byte[in.readInt()];
                in.readFully(encoded);
                stored.put(name, manager.decode(encoded));
            }
            checkFits(path, parameters, stored);
            for (Pair<String, Parameter> entry : parameters) {
                NoGradient.copy(stored.get(entry.getKey()), entry.getValue().getArray());
            }
            Signature signature = json.isEmpty() ? null : Signature.fromJson(json);
            if (signature != null) {
                signature.rememberIn(djl);
            }
            return signature;
        } catch (IOException e) {
            throw SavedModelErrors.cannotLoad(path, "the file is damaged or incomplete (" + e.getMessage() + ")", e);
        }
    }

    private static void checkFits(Path path, List<Pair<String, Parameter>> parameters, Map<String, NDArray> stored) {
        List<String> problems = new ArrayList<>();
        for (Pair<String, Parameter> entry : parameters) {
            NDArray saved = stored.get(entry.getKey());
            NDArray here = entry.getValue().getArray();
            if (saved == null) {
                problems.add(entry.getKey() + " is missing from the file");
            } else if (!saved.getShape().equals(here.getShape())) {
                problems.add(entry.getKey() + " is " + saved.getShape() + " in the file but " + here.getShape() + " here");
            }
        }
        for (String name : stored.keySet()) {
            if (parameters.stream().noneMatch(p -> p.getKey().equals(name))) {
                problems.add(name + " is in the file but not in this model");
            }
        }
        if (!problems.isEmpty()) {
            String shown = String.join("; ", problems.subList(0, Math.min(3, problems.size())));
            throw SavedModelErrors.checkpointDoesNotFit(path, shown + (problems.size() > 3 ? "; and "
                    + (problems.size() - 3) + " more" : ""));
        }
    }

    private static List<Pair<String, Parameter>> parameters(ai.djl.Model djl) {
        List<Pair<String, Parameter>> parameters = new ArrayList<>();
        for (Pair<String, Parameter> entry : djl.getBlock().getParameters()) {
            if (entry.getValue().isInitialized()) {
                parameters.add(entry);
            }
        }
        return parameters;
    }

    /** The first string of the file, or "" when the file does not even start like one. */
    private static String readMagic(DataInputStream in) throws IOException {
        in.mark(64);
        int length = in.readUnsignedShort();
        if (length != MAGIC.length()) {
            return "";
        }
        in.reset();
        return in.readUTF();
    }

    /** Text of any length (writeUTF stops at 64 KB, and a vocabulary of classes can be longer). */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
