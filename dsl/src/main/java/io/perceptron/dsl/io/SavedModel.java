package io.perceptron.dsl.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.layer.LayerDescription;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model on disk, two ways. A folder ({@link #saveFolder}, {@link #readFolder}; behind
 * {@code model.save(folder)} and {@code Model.load(folder)}) holds everything another program needs:
 * {@value #ARCHITECTURE}, {@value #INPUTS} and {@value #WEIGHTS}. A parameter file ({@link #save},
 * {@link #load}; behind {@code model.saveParameters(path)}, {@code model.loadParameters(path)} and
 * training's {@code checkpoint(path)}) holds the weights and what the model was trained on, and loads
 * into a network built the same way.
 *
 * <pre>{@code
 * model.save(Path.of("moons-model"))
 * Model.load(Path.of("moons-model")).predict(data)                   // the same predictions
 * model.saveParameters(Path.of("moons.params"))
 * Model.sequential().input(2).dense(16).relu().dense(2).loadParameters(Path.of("moons.params"))
 * Model.sequential().input(2).dense(8).loadParameters(Path.of("moons.params"))   // PerceptronException: ... do not fit this model
 * }</pre>
 *
 * <p>Parameter-file format: the text {@value #MAGIC}, a format version, the signature as JSON (empty if the model
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

    // ---------------------------------------------------------------- a model folder

    /** The file of a model folder that describes the layers. */
    public static final String ARCHITECTURE = "architecture.json";
    /** The file of a model folder that says what the inputs and outputs mean. */
    public static final String INPUTS = "inputs.json";
    /** The file of a model folder that holds the weights, in the parameter-file format above. */
    public static final String WEIGHTS = "weights.params";
    /** What {@value #ARCHITECTURE} says it is, so that any other JSON file is told apart. */
    static final String FORMAT = "perceptron-model";
    static final int FOLDER_VERSION = 1;

    private static final Gson PRETTY = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    /**
     * A model folder as read back: what {@code Model.load(folder)} builds the model from.
     *
     * @param name   the model's name
     * @param input  the shape of one example
     * @param layers the layers, in order, as {@link Layer#describe()} wrote them
     */
    public record Folder(Path path, String name, long[] input, List<LayerDescription> layers) {
    }

    /**
     * Saves {@code network} as a folder that a program can load without the notebook that trained it:
     * {@value #ARCHITECTURE} (the layers, readable JSON), {@value #INPUTS} (what the model was trained
     * on: feature columns, categories, normalization statistics, classes, picture format) and
     * {@value #WEIGHTS}. Everything is written to a new folder beside {@code folder} and then moved
     * into place, so a model already there is replaced whole and a failed save leaves it as it was.
     *
     * @throws io.perceptron.dsl.PerceptronException when a layer cannot be written down, when
     *                                               {@code folder} holds something other than a
     *                                               saved model, or when writing fails
     */
    public static void saveFolder(Network network, Path folder) {
        if (network.isDecoder()) {
            throw SavedModelErrors.decoderFolder(network.name());
        }
        JsonObject architecture = architecture(network);     // before any file is touched: a layer may refuse
        Path target = folder.toAbsolutePath().normalize();
        Path parent = target.getParent();
        String suffix = "." + Long.toHexString(System.nanoTime());
        Path partial = parent.resolve(target.getFileName() + suffix + ".partial");
        Path old = parent.resolve(target.getFileName() + suffix + ".old");
        if (Files.exists(target) && !Files.isRegularFile(target.resolve(ARCHITECTURE))) {
            throw SavedModelErrors.notAModelToReplace(target);
        }
        try {
            Files.createDirectories(partial);
            Files.writeString(partial.resolve(ARCHITECTURE), PRETTY.toJson(architecture) + "\n");
            Signature signature = network.signature();
            Files.writeString(partial.resolve(INPUTS), signature == null ? "{}\n"
                    : PRETTY.toJson(JsonParser.parseString(signature.toJson())) + "\n");
            save(network, signature, partial.resolve(WEIGHTS));
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(old);
        } catch (IOException | RuntimeException e) {
            deleteTree(partial);
            if (!Files.exists(target) && Files.exists(old)) {
                try {
                    Files.move(old, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException ignored) {
                    // the earlier model stays in `old`; the message names the target
                }
            }
            if (e instanceof io.perceptron.dsl.PerceptronException known) {
                throw known;
            }
            throw SavedModelErrors.cannotSave(target, e);
        }
    }

    /**
     * Reads a model folder's {@value #ARCHITECTURE}; {@link #loadFolderWeights} then fills the model
     * built from it.
     *
     * @throws io.perceptron.dsl.PerceptronException naming the file when the folder is not a saved
     *                                               model or a file in it is damaged
     */
    public static Folder readFolder(Path folder) {
        Path path = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(path)) {
            throw Files.isRegularFile(path) ? SavedModelErrors.fileNotFolder(path)
                    : SavedModelErrors.noModelFolder(path);
        }
        Path file = path.resolve(ARCHITECTURE);
        if (!Files.isRegularFile(file)) {
            throw SavedModelErrors.notAModelFolder(path, ARCHITECTURE);
        }
        try {
            JsonObject json = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
            if (!json.has("format") || !FORMAT.equals(json.get("format").getAsString())) {
                throw SavedModelErrors.damaged(file, "it does not say \"format\": \"" + FORMAT + "\"");
            }
            int version = json.get("version").getAsInt();
            if (version != FOLDER_VERSION) {
                throw SavedModelErrors.damaged(file, "it has format version " + version + ", this version reads "
                        + FOLDER_VERSION);
            }
            JsonArray input = json.getAsJsonArray("input");
            long[] shape = new long[input.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = input.get(i).getAsLong();
            }
            List<LayerDescription> layers = new ArrayList<>();
            for (JsonElement layer : json.getAsJsonArray("layers")) {
                layers.add(LayerDescription.fromJson(layer.getAsJsonObject()));
            }
            return new Folder(path, json.get("name").getAsString(), shape, layers);
        } catch (IOException | RuntimeException e) {
            if (e instanceof io.perceptron.dsl.PerceptronException known) {
                throw known;
            }
            throw SavedModelErrors.damaged(file, "it is not the JSON model.save(folder) writes (" + e.getMessage() + ")");
        }
    }

    /**
     * Loads the weights of a model folder into {@code network}, built from {@link #readFolder}, and
     * makes it remember the signature in {@value #INPUTS}.
     */
    public static void loadFolderWeights(Network network, Folder folder) {
        Path weights = folder.path().resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw SavedModelErrors.notAModelFolder(folder.path(), WEIGHTS);
        }
        load(network, weights);
        Path inputs = folder.path().resolve(INPUTS);
        if (Files.isRegularFile(inputs)) {
            try {
                String json = Files.readString(inputs).strip();
                if (!json.equals("{}")) {
                    Signature.fromJson(json).rememberIn(network.djl());
                }
            } catch (IOException | RuntimeException e) {
                throw SavedModelErrors.damaged(inputs, "it is not the JSON model.save(folder) writes ("
                        + e.getMessage() + ")");
            }
        }
    }

    private static JsonObject architecture(Network network) {
        JsonObject json = new JsonObject();
        json.addProperty("format", FORMAT);
        json.addProperty("version", FOLDER_VERSION);
        json.addProperty("name", network.name());
        JsonArray input = new JsonArray();
        for (long d : network.inputShape().getShape()) {
            input.add(d);
        }
        json.add("input", input);
        JsonArray layers = new JsonArray();
        for (Layer layer : network.layers()) {
            layers.add(layer.describe().toJsonObject());
        }
        json.add("layers", layers);
        return json;
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // a leftover temporary folder beside the model is harmless; the model itself is complete
        }
    }
}
