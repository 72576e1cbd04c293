package io.perceptron.dsl.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.perceptron.dsl.model.Model;

/**
 * The one check every layer goes through (after Keras' {@code run_layer_test}): build a model
 * around it, compare the output shape and parameter count worked out from shapes with what the
 * real DJL block holds after initialization, then run a forward and backward pass on random input
 * and check the output's shape and that every learned parameter receives a gradient.
 */
public final class LayerHarness {
    /** Examples per test batch: more than one, so batch-wise code paths are exercised. */
    private static final int BATCH = 3;

    private LayerHarness() {
    }

    /** Checks {@code model} on random real numbers. */
    public static NDArray check(Model model, Shape expectedOutput, long expectedParameters) {
        return check(model, expectedOutput, expectedParameters, 0);
    }

    /**
     * Checks {@code model}; when {@code vocabularySize} is positive the inputs are random token ids
     * below it, else random real numbers. Returns the training-mode output for further checks.
     */
    public static NDArray check(Model model, Shape expectedOutput, long expectedParameters, int vocabularySize) {
        assertEquals(expectedOutput, model.outputShape(), "output shape from shapes");
        assertEquals(expectedParameters, model.parameterCount(), "parameter count from shapes");

        ai.djl.Model djl = model.djl();
        assertEquals(expectedParameters, learnedParameters(model), "parameters in the built DJL block");

        NDManager manager = djl.getNDManager().newSubManager();
        NDList inputs = new NDList();
        for (Shape shape : model.inputShapes()) {
            Shape batch = Shapes.batchOf(BATCH, shape);
            if (vocabularySize > 0) {
                inputs.add(manager.randomInteger(0, vocabularySize, batch, DataType.INT32).toType(DataType.FLOAT32, false));
            } else {
                NDArray x = manager.randomNormal(batch);
                // so that the backward pass has something to reach even in a layer without parameters
                x.setRequiresGradient(true);
                inputs.add(x);
            }
        }
        ParameterStore store = new ParameterStore(manager, false);
        NDArray predicted = djl.getBlock().forward(store, inputs, false).head();
        assertEquals(Shapes.batchOf(BATCH, expectedOutput), predicted.getShape(), "output of a forward pass");

        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray trained = djl.getBlock().forward(store, inputs, true).head();
            // A random weighting, so that even a softmax output (whose plain sum is constant) passes gradients.
            collector.backward(trained.mul(manager.randomNormal(trained.getShape())).sum());
            for (Pair<String, Parameter> parameter : djl.getBlock().getParameters()) {
                if (parameter.getValue().requiresGradient()) {
                    float gradient = parameter.getValue().getArray().getGradient().abs().sum().getFloat();
                    assertTrue(gradient > 0, "parameter " + parameter.getKey() + " receives a gradient");
                }
            }
            return trained;
        }
    }

    /** The model's prediction (no dropout, batch norm's running statistics) for a batch {@code inputs}. */
    public static NDArray predict(Model model, NDArray... inputs) {
        ParameterStore store = new ParameterStore(inputs[0].getManager(), false);
        return model.djl().getBlock().forward(store, new NDList(inputs), false).head();
    }

    /** The learned numbers in the model's DJL block: batch norm's running statistics are not learned. */
    public static long learnedParameters(Model model) {
        long count = 0;
        for (Pair<String, Parameter> parameter : model.djl().getBlock().getParameters()) {
            Parameter.Type type = parameter.getValue().getType();
            if (type != Parameter.Type.RUNNING_MEAN && type != Parameter.Type.RUNNING_VAR) {
                count += parameter.getValue().getArray().size();
            }
        }
        return count;
    }
}
