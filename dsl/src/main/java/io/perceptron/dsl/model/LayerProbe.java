package io.perceptron.dsl.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import io.perceptron.dsl.data.Examples;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Looks inside a built network: the filters a convolution layer learned and what the layers make
 * of one example (feature maps). Reached through {@code model.filters(i)} and
 * {@code model.outputOf(i, examples, n)}.
 */
final class LayerProbe {
    private LayerProbe() {
    }

    /** A copy of convolution layer {@code index}'s filters, owned by the model's memory. */
    static NDArray filters(Network model, int index) {
        model.checkIndex(index);
        ai.djl.Model djl = model.djl();
        if (model.layers().get(index) instanceof PartLayer part) {
            throw ModelErrors.filtersOfPart(model.name(), index, part.network().name());
        }
        if (!(model.layerBlock(index) instanceof Convolution convolution)) {
            throw ModelErrors.notAConvolution(model.name(), index, model.layers().get(index).toString(),
                    convolutionLayers(model));
        }
        NDArray live = convolution.getParameters().get("weight").getArray();
        // A detached view shares the live storage (training writes into it); its clone does not.
        try (NDArray view = live.stopGradient()) {
            NDArray copy = view.duplicate();
            copy.attach(djl.getNDManager());
            return copy;
        }
    }

    /** Layer {@code index}'s output for example {@code example}, without the batch axis. */
    static NDArray outputOf(Network model, int index, Examples examples, int example) {
        model.checkIndex(index);
        if (model.isDecoder()) {
            throw ModelErrors.outputOfDecoder(model.name());
        }
        Shape wanted = model.inputShape();
        if (!Arrays.equals(wanted.getShape(), examples.featureShape())) {
            throw ModelErrors.examplesDoNotFit(model.name(), wanted, examples.name(), examples.featureShape());
        }
        float[] features = examples.features(example);
        ai.djl.Model djl = model.djl();
        try (NDManager scope = djl.getNDManager().newSubManager()) {
            NDList current = new NDList(scope.create(features, new Shape(1).addAll(wanted)));
            ParameterStore store = new ParameterStore(scope, false);
            for (int i = 0; i <= index; i++) {
                current = model.layerBlock(i).forward(store, current, false);
            }
            // Detached so that no gradient graph keeps the scope's arrays alive; moved out before the scope closes.
            NDArray output = current.head().stopGradient().squeeze(0);
            output.attach(djl.getNDManager());
            return output;
        }
    }

    /** "#0 conv2d(8, 3), #3 conv2d(16, 3)": the layers whose filters {@code filters(i)} can read. */
    private static List<String> convolutionLayers(Network model) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < model.layers().size(); i++) {
            if (!(model.layers().get(i) instanceof PartLayer) && model.layerBlock(i) instanceof Convolution) {
                found.add("#" + i + " " + model.layers().get(i));
            }
        }
        return found;
    }
}
