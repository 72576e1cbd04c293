package io.perceptron.dsl.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.recurrent.GRU;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.recurrent.RNN;
import ai.djl.nn.recurrent.RecurrentBlock;

/**
 * A recurrent layer reads a sequence step by step, carrying a state of {@code units} numbers from
 * step to step. By default it gives back only its final state, a summary of the whole sequence;
 * with {@code returnSequences} it gives back its state after every step, to feed another recurrent
 * layer or a per-step output.
 *
 * <p>Parameters follow PyTorch (two bias vectors per gate): {@code gates x (units x features +
 * units x units + 2 units)}, with 1 gate for a simple RNN, 3 for a GRU and 4 for an LSTM.
 */
final class RecurrentLayer implements Layer {

    enum Kind {
        SIMPLE("simpleRnn", 1), GRU("gru", 3), LSTM("lstm", 4);

        final String callName;
        final int gates;

        Kind(String callName, int gates) {
            this.callName = callName;
            this.gates = gates;
        }
    }

    private final Kind kind;
    private final int units;
    private final boolean returnSequences;

    RecurrentLayer(Kind kind, int units, boolean returnSequences) {
        this.kind = kind;
        this.units = units;
        this.returnSequences = returnSequences;
    }

    @Override
    public Shape outputShape(Shape input) {
        if (input.dimension() != 2) {
            throw LayerErrors.needsSequence(this, input);
        }
        return returnSequences ? new Shape(input.get(0), units) : new Shape(units);
    }

    @Override
    public long parameterCount(Shape input) {
        outputShape(input);
        long features = input.get(1);
        return kind.gates * (units * features + (long) units * units + 2L * units);
    }

    @Override
    public Block block(Shape input) {
        RecurrentBlock cell = switch (kind) {
            case SIMPLE -> RNN.builder().setActivation(RNN.Activation.TANH).setStateSize(units).setNumLayers(1)
                    .optBatchFirst(true).build();
            case GRU -> GRU.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true).build();
            case LSTM -> LSTM.builder().setStateSize(units).setNumLayers(1).optBatchFirst(true).build();
        };
        return new RecurrentLayerBlock(this, cell, units, returnSequences);
    }

    /** In a decoder, the encoder's meaning vector becomes this layer's initial state. */
    @Override
    public boolean readsContext() {
        return true;
    }

    @Override
    public void checkContext(Shape input, Shape context) {
        if (context.dimension() != 1 || context.get(0) != units) {
            throw LayerErrors.contextDoesNotFit(this, input, context, "a vector of " + units
                    + " numbers, its starting state");
        }
    }

    @Override
    public LayerDescription describe() {
        return LayerDescription.of(kind.callName, "units", units, "returnSequences", returnSequences);
    }

    @Override
    public String toString() {
        return kind.callName + "(" + units + (returnSequences ? ", returnSequences=true" : "") + ")";
    }
}
