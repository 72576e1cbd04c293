package io.perceptron.dsl.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.layer.Layer;
import io.perceptron.dsl.layer.LayerErrors;
import io.perceptron.dsl.layer.ShapeMismatch;
import io.perceptron.dsl.layer.Shapes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The network a {@link Model} describes: its layers with the shape each one produces, which of
 * them are frozen, and, once it is used, the DJL block built from them with its parameters on a
 * device. Shapes and parameter counts come from the layers alone, so describing never allocates;
 * {@link #djl()} builds the block and initializes the parameters, once.
 *
 * <p>{@code Model} is the fluent face a user writes; everything that runs a model (training,
 * prediction, saving) works on its network and never sees the builder. A cell never holds a
 * network: only its model does, so there is one way to each verb, the model's.
 */
public final class Network {
    /** Longest chain of layers {@link #toString()} spells out before eliding the middle. */
    private static final int PRINTED_LAYERS = 12;

    private final String name;
    private final Network encoder;
    private final List<Layer> layers = new ArrayList<>();
    /** The output shape of each layer, known once the input shape is. */
    private final List<Shape> outputs = new ArrayList<>();
    private final TreeSet<Integer> frozenLayers = new TreeSet<>();
    private Shape input;
    private boolean frozen;
    private Device device;
    private Block block;
    private List<Block> layerBlocks;
    private ai.djl.Model djl;
    private boolean closed;

    Network(String name, Network encoder) {
        this.name = name;
        this.encoder = encoder;
    }

    // ---------------------------------------------------------------- what it is

    /** The model's name, shown in summaries and messages. */
    public String name() {
        return name;
    }

    /** The layers, in order; a part is one layer. */
    public List<Layer> layers() {
        return Collections.unmodifiableList(layers);
    }

    /** Whether this network is a decoder, taking an encoder's input as well as its own. */
    public boolean isDecoder() {
        return encoder != null;
    }

    /** For a decoder, the encoder's network; {@code null} for a plain stack. */
    Network encoder() {
        return encoder;
    }

    /** Whether the input shape is known, and with it every layer's shape. */
    boolean hasInput() {
        return input != null;
    }

    /** The shape of one example, without the batch (for a decoder, its own input). */
    public Shape inputShape() {
        requireInput("input shape");
        return input;
    }

    /** The shapes of all inputs the built block takes, in order: for a decoder the encoder's, then its own. */
    public List<Shape> inputShapes() {
        requireInput("input shapes");
        return encoder == null ? List.of(input) : List.of(encoder.inputShape(), input);
    }

    /** The shape of one example's output, without the batch. */
    public Shape outputShape() {
        requireInput("output shape");
        return currentShape();
    }

    /** The shape layer {@code index} produces; the input shape must be known. */
    Shape outputShape(int index) {
        return outputs.get(index);
    }

    /** How many numbers the network learns, from shapes alone (a decoder's encoder included). */
    long parameterCount() {
        requireInput("parameter count");
        long count = encoder == null ? 0 : encoder.parameterCount();
        for (int i = 0; i < layers.size(); i++) {
            count += layerParameterCount(i);
        }
        return count;
    }

    /** How many numbers layer {@code index} learns. */
    long layerParameterCount(int index) {
        return layers.get(index).parameterCount(layerInput(index));
    }

    /** How many of the parameters training changes: those outside frozen layers, parts and encoders. */
    long trainableParameterCount() {
        requireInput("parameter count");
        long count = encoder == null || frozen ? 0 : encoder.trainableParameterCount();
        for (int i = 0; i < layers.size(); i++) {
            count += trainable(i);
        }
        return count;
    }

    private long trainable(int i) {
        if (frozen || frozenLayers.contains(i)) {
            return 0;
        }
        if (layers.get(i) instanceof PartLayer part) {
            return part.network().trainableParameterCount();
        }
        return layerParameterCount(i);
    }

    /** What the network was trained on, as remembered by its DJL model; {@code null} if built but never trained or not built. */
    public Signature signature() {
        return djl == null ? null : Signature.of(djl);
    }

    // ---------------------------------------------------------------- building the description

    /** Sets the shape of one example and works out every layer's output; on a misfit nothing changes. */
    void input(long[] shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw ModelErrors.invalidInputShape(shape);
        }
        if (input != null) {
            throw ModelErrors.inputAlreadySet(name, input);
        }
        requireNotBuilt("change the input shape");
        input = new Shape(shape);
        try {
            for (int i = 0; i < layers.size(); i++) {
                outputs.add(inferOutput(i));
            }
        } catch (PerceptronException e) {
            input = null;
            outputs.clear();
            throw e;
        }
    }

    /** Adds a layer, working out its output when the input shape is known; a layer that does not fit is not kept. */
    void add(Layer layer) {
        requireNotBuilt("add " + layer);
        if (layer.needsContext() && encoder == null) {
            throw LayerErrors.needsEncoder(layer);
        }
        if (layer.masksPadding() && (!layers.isEmpty() || encoder != null)) {
            throw ModelErrors.maskingNotFirst(name, layer.toString());
        }
        layers.add(layer);
        if (input != null) {
            try {
                outputs.add(inferOutput(layers.size() - 1));
            } catch (PerceptronException e) {
                layers.remove(layers.size() - 1);
                throw e;
            }
        }
    }

    /** A network of this one's first {@code count} layers, sharing their blocks and so their parameters. */
    Network first(int count) {
        if (count < 1 || count > layers.size()) {
            throw ModelErrors.invalidPartSize(name, count, layers.size());
        }
        Network part = new Network(name + " first " + count, encoder);
        for (int i = 0; i < count; i++) {
            part.layers.add(new SharedLayer(this, i));
        }
        if (input != null) {
            part.input(input.getShape());
        }
        return part;
    }

    /** Whether {@code other} is this network or sits inside it as a part, at any depth. */
    boolean contains(Network other) {
        if (other == this) {
            return true;
        }
        for (Layer layer : layers) {
            if (layer instanceof PartLayer part && part.network().contains(other)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- freezing

    /** Freezes every layer, parts and encoder included. */
    void freeze() {
        frozen = true;
        frozenLayers.clear();
        applyFreezing();
    }

    /** Freezes layer {@code index}. */
    void freeze(int index) {
        checkIndex(index);
        frozenLayers.add(index);
        applyFreezing();
    }

    /** Lets every layer learn again. */
    void unfreeze() {
        frozen = false;
        frozenLayers.clear();
        applyFreezing();
    }

    /** Lets layer {@code index} learn again; after a whole freeze, the other layers stay frozen. */
    void unfreeze(int index) {
        checkIndex(index);
        if (frozen) {
            frozen = false;
            for (int i = 0; i < layers.size(); i++) {
                frozenLayers.add(i);
            }
        }
        frozenLayers.remove(index);
        applyFreezing();
    }

    /** Whether the whole network was frozen. */
    boolean isFrozen() {
        return frozen;
    }

    /** Whether layer {@code index} is kept from learning, by itself, with the whole network, or as a frozen part. */
    boolean isFrozen(int index) {
        checkIndex(index);
        return isFrozenHere(index) || layers.get(index) instanceof PartLayer part && part.network().isFrozen();
    }

    /** Whether this network itself (not the part) freezes layer {@code index}: what the summary marks. */
    boolean isFrozenHere(int index) {
        return frozen || frozenLayers.contains(index);
    }

    /**
     * Brings the built blocks' parameters in line with what is frozen. A part that this network
     * does not freeze keeps its own settings.
     */
    private void applyFreezing() {
        if (layerBlocks == null) {
            return;
        }
        if (encoder != null) {
            if (frozen) {
                setFrozen(encoder.block(), true);
            } else {
                encoder.applyFreezing();
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            boolean freezeThis = isFrozenHere(i);
            if (!freezeThis && layers.get(i) instanceof PartLayer part) {
                part.network().applyFreezing();
            } else {
                setFrozen(layerBlocks.get(i), freezeThis);
            }
        }
    }

    /**
     * Freezes or unfreezes the learned parameters of {@code block}. Batch norm's running statistics
     * never take gradients, frozen or not, so they are left alone.
     */
    private static void setFrozen(Block block, boolean freeze) {
        block.freezeParameters(freeze, p -> p.getType() != Parameter.Type.RUNNING_MEAN
                && p.getType() != Parameter.Type.RUNNING_VAR);
    }

    // ---------------------------------------------------------------- building for real

    /**
     * Where the parameters live and the computation runs: the device chosen before building, else
     * the engine's default (a GPU when one is usable, else the CPU).
     */
    public Device device() {
        if (djl != null) {
            return djl.getNDManager().getDevice();
        }
        return device != null ? device : engine().defaultDevice();
    }

    /** Chooses the device before building; {@code null} leaves the choice to the engine. */
    void device(Device chosen) {
        if (chosen == null) {
            requireNotBuilt("change the device");
            device = null;
            return;
        }
        if (djl != null && !chosen.equals(device())) {
            throw ModelErrors.deviceAfterBuild(name, device());
        }
        if (chosen.isGpu()) {
            int gpus = engine().getGpuCount();
            if (chosen.getDeviceId() >= gpus) {
                throw ModelErrors.gpuNotAvailable(chosen, gpus);
            }
        }
        device = chosen;
    }

    /**
     * The DJL model, its block built and its parameters initialized on {@link #device()}: created
     * on first call and kept, so training continues from the same parameters.
     */
    public ai.djl.Model djl() {
        if (closed) {
            throw ModelErrors.closed(name);
        }
        if (djl == null) {
            requireInput("parameters");
            Block built = block();
            try {
                ai.djl.Model model = ai.djl.Model.newInstance(name, device());
                model.setBlock(built);
                Shape[] batchShapes = inputShapes().stream().map(s -> Shapes.batchOf(1, s)).toArray(Shape[]::new);
                built.initialize(model.getNDManager(), DataType.FLOAT32, batchShapes);
                djl = model;
            } catch (EngineException e) {
                throw ModelErrors.engineFailed(name, e);
            }
        }
        return djl;
    }

    /** Whether {@link #djl()} has built the parameters yet. Describing a network never does. */
    public boolean isBuilt() {
        return djl != null;
    }

    /** Frees the parameters' native memory. */
    void close() {
        if (djl != null) {
            djl.close();
        }
        closed = true;
    }

    /** The DJL block, built once (uninitialized until {@link #djl()} or an outer network initializes it). */
    Block block() {
        if (block == null) {
            requireInput("block");
            List<Block> built = new ArrayList<>();
            for (int i = 0; i < layers.size(); i++) {
                built.add(layers.get(i).block(layerInput(i)));
            }
            layerBlocks = built;
            if (encoder == null && layers.get(0).masksPadding()) {
                block = paddingMaskBlock(built);
            } else if (encoder == null) {
                block = new SequentialBlock().addAll(built);
            } else {
                boolean[] readsContext = new boolean[layers.size()];
                for (int i = 0; i < layers.size(); i++) {
                    readsContext[i] = layers.get(i).readsContext();
                }
                block = new DecoderBlock(encoder.block(), built, readsContext);
            }
            applyFreezing();
        }
        return block;
    }

    /**
     * The stack with a padding mask for the layers that read it. Trailing padding is cut off only
     * when that cannot change the output: every layer ignores padding given the mask, and one of
     * them averages the steps away (so the output has no step axis to keep the length of).
     */
    private Block paddingMaskBlock(List<Block> built) {
        boolean[] readsMask = new boolean[layers.size()];
        boolean allIgnorePadding = true;
        boolean stepsAveragedAway = false;
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            readsMask[i] = layer.readsPaddingMask();
            allIgnorePadding &= layer.ignoresPadding();
            stepsAveragedAway |= readsMask[i] && outputs.get(i).dimension() < layerInput(i).dimension();
        }
        return new PaddingMaskBlock(built, readsMask, allIgnorePadding && stepsAveragedAway);
    }

    /** The block of layer {@code index}, building the network's block if needed. */
    Block layerBlock(int index) {
        block();
        return layerBlocks.get(index);
    }

    // ---------------------------------------------------------------- as a part of another network

    /** This network's block as a part receiving {@code received}; a part without input shape takes this one. */
    Block blockFor(Shape received) {
        outputShapeFrom(received);
        if (input == null) {
            input(received.getShape());
        }
        return block();
    }

    /** The output for examples shaped {@code received}, as a part of another network. */
    Shape outputShapeFrom(Shape received) {
        if (input != null) {
            if (!input.equals(received)) {
                throw ModelErrors.partExpectsOtherInput(new PartLayer(this).toString(), input, received);
            }
            return currentShape();
        }
        Shape shape = received;
        for (Layer layer : layers) {
            shape = layer.outputShape(shape);
        }
        return shape;
    }

    /** The parameter count for examples shaped {@code received}, as a part of another network. */
    long parameterCountFrom(Shape received) {
        outputShapeFrom(received);
        if (input != null) {
            return parameterCount();
        }
        long count = 0;
        Shape shape = received;
        for (Layer layer : layers) {
            count += layer.parameterCount(shape);
            shape = layer.outputShape(shape);
        }
        return count;
    }

    // ---------------------------------------------------------------- checks

    /** Refuses a layer number that does not exist, saying which do. */
    void checkIndex(int index) {
        if (index < 0 || index >= layers.size()) {
            throw ModelErrors.noSuchLayer(name, index, layers.size());
        }
    }

    /** Refuses a network without input shape, saying that {@code wanted} needs it. */
    void requireInput(String wanted) {
        if (input == null) {
            throw ModelErrors.noInputShape(name, wanted);
        }
    }

    private void requireNotBuilt(String change) {
        if (block != null) {
            throw ModelErrors.alreadyBuilt(name, change);
        }
    }

    private Shape inferOutput(int index) {
        Layer layer = layers.get(index);
        Shape received = layerInput(index);
        try {
            if (encoder != null && layer.readsContext()) {
                layer.checkContext(received, encoder.outputShape());
            }
            return layer.outputShape(received);
        } catch (ShapeMismatch mismatch) {
            throw ModelErrors.layerDoesNotFit(name, index, mismatch);
        }
    }

    private Shape layerInput(int index) {
        return index == 0 ? input : outputs.get(index - 1);
    }

    private Shape currentShape() {
        return layers.isEmpty() ? input : outputs.get(layers.size() - 1);
    }

    private static Engine engine() {
        try {
            return Engine.getInstance();
        } catch (EngineException e) {
            throw ModelErrors.engineUnavailable(e);
        }
    }

    /**
     * One line: the name, the chain of layers with the input and output shapes, and the parameter
     * count, e.g. {@code Model "sequential": (2) -> dense(16) -> relu -> dense(2) -> (2), 82 parameters}.
     */
    @Override
    public String toString() {
        List<String> chain = layers.stream().map(Object::toString).collect(Collectors.toList());
        if (chain.size() > PRINTED_LAYERS) {
            int edge = PRINTED_LAYERS / 2;
            List<String> shortened = new ArrayList<>(chain.subList(0, edge));
            shortened.add("... " + (chain.size() - 2 * edge) + " more ...");
            shortened.addAll(chain.subList(chain.size() - edge, chain.size()));
            chain = shortened;
        }
        String source = encoder == null ? "" : "decoder of model \"" + encoder.name() + "\", ";
        if (input == null) {
            return "Model \"" + name + "\": " + source + (chain.isEmpty() ? "no layers" : String.join(" -> ", chain))
                    + "; no input shape yet, call input(...)";
        }
        chain.add(0, Shapes.text(input));
        chain.add(Shapes.text(outputShape()));
        return String.format(Locale.ROOT, "Model \"%s\": %s%s, %,d parameters", name, source,
                String.join(" -> ", chain), parameterCount());
    }
}
