package io.perceptron.dsl.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.model.NoGradient;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How large the loss's gradient is at each layer, with the weights the model has now: the length
 * (L2 norm) of the gradient of all of a layer's trainable parameters together. A deep stack of
 * sigmoids shows the vanishing gradient this way: the layers near the input get gradients
 * thousands of times smaller than those near the output, so they hardly learn. Reached through
 * {@code fit(...).gradientNorms()}, which reads the data with the fit's settings and changes no
 * weight.
 *
 * <pre>{@code
 * val deep = Model.sequential().input(2).dense(32).sigmoid().dense(32).sigmoid().dense(32).sigmoid().dense(2)
 * deep.fit(moons).seed(1).gradientNorms()     // # | layer | gradient norm: one row per layer with weights
 * }</pre>
 *
 * <p>The gradient is that of the mean loss over all the training examples (the validation split
 * left out), summed batch by batch, with the layers in training mode (dropout on, batch norm on the
 * batch's statistics, whose running averages move as in a training step). The gradients are zeroed
 * before and after, so the next training step starts clean.
 */
final class GradientNorms {
    /** The column of the layer's {@code #}, as in {@code summary()}. */
    static final String INDEX = "#";
    /** The column of the layer as written. */
    static final String LAYER = "layer";
    /** The column of the gradient's length. */
    static final String NORM = "gradient norm";

    private GradientNorms() {
    }

    /** The table of gradient norms for the plan's network on its training data. */
    static Table of(Plan plan) {
        ai.djl.Model djl = plan.djl();
        Block whole = djl.getBlock();
        if (plan.network().isDecoder() || !(whole instanceof SequentialBlock)) {
            throw TrainingErrors.gradientNormsOfDecoder(plan.network().name());
        }
        List<Block> layers = new ArrayList<>();
        whole.getChildren().forEach(child -> layers.add(child.getValue()));
        List<Parameter> trainable = new ArrayList<>();
        for (Parameter parameter : whole.getParameters().values()) {
            if (parameter.isInitialized() && parameter.requiresGradient()) {
                trainable.add(parameter);
            }
        }
        int previousThreads = Threads.set(plan.threads());
        try (NDManager runManager = djl.getNDManager().newSubManager(); NoGradient off = NoGradient.enter()) {
            zero(trainable);
            accumulate(plan, whole, runManager);
            Table table = table(plan, layers);
            zero(trainable);
            return table;
        } finally {
            Threads.set(previousThreads);
        }
    }

    /** One backward pass per batch; each batch's loss is weighted by its share of the examples, so the sum is the mean's gradient. */
    private static void accumulate(Plan plan, Block block, NDManager runManager) {
        TrainingData data = plan.train();
        int examples = data.size();
        Batches batches = new Batches(data.examples(), plan.batchSize(), plan.loss().labelType(),
                data.signature().decoderStart());
        int[] order = Batches.identity(examples);
        ParameterStore store = new ParameterStore(runManager, false);
        Engine engine = runManager.getEngine();
        for (int from = 0; from < examples; from += plan.batchSize()) {
            int to = Math.min(examples, from + plan.batchSize());
            try (NDManager batchManager = runManager.newSubManager();
                 GradientCollector collector = engine.newGradientCollector()) {
                NDList inputs = batches.inputs(batchManager, order, from, to);
                NDArray y = batches.labels(batchManager, order, from, to);
                NDArray outputs = block.forward(store, inputs, true).head();
                NDArray loss = plan.loss().compute(outputs, y).mul((double) (to - from) / examples);
                collector.backward(loss);
            } catch (PerceptronException e) {
                throw e;
            } catch (RuntimeException e) {
                throw TrainingErrors.engineFailed("measuring the gradients (examples " + from + " to " + to + ")", e);
            }
        }
    }

    /** One row per layer that has trainable parameters: its {@code #}, the layer, the norm. */
    private static Table table(Plan plan, List<Block> layers) {
        List<Integer> indices = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<Double> norms = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            double squares = 0;
            boolean learns = false;
            for (Parameter parameter : layers.get(i).getParameters().values()) {
                if (!parameter.isInitialized() || !parameter.requiresGradient()) {
                    continue;
                }
                learns = true;
                try (NDArray gradient = parameter.getArray().getGradient()) {
                    for (float g : gradient.toFloatArray()) {
                        squares += (double) g * g;
                    }
                }
            }
            if (learns) {
                indices.add(i);
                names.add(plan.network().layers().get(i).toString());
                norms.add(Math.sqrt(squares));
            }
        }
        return Table.create("gradient norms of " + plan.network().name(),
                IntColumn.create(INDEX, indices.stream().mapToInt(Integer::intValue).toArray()),
                StringColumn.create(LAYER, names),
                DoubleColumn.create(NORM, norms));
    }

    private static void zero(List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            try (NDArray gradient = parameter.getArray().getGradient()) {
                gradient.subi(gradient);
            }
        }
    }
}
