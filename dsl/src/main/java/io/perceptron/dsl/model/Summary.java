package io.perceptron.dsl.model;

import io.perceptron.dsl.layer.Shapes;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * A network as a table, one row per layer: its number, what it is, the shape of its output and how
 * many parameters it learns; an encoder row first for a decoder, an input row, then the total and,
 * when something is frozen, the trainable count. Shapes alone: nothing is allocated. Reached
 * through {@code model.summary()}.
 */
final class Summary {
    private final StringColumn number = StringColumn.create("#");
    private final StringColumn layer = StringColumn.create("layer");
    private final StringColumn shape = StringColumn.create("output shape");
    private final LongColumn parameters = LongColumn.create("parameters");

    private Summary() {
    }

    /** The summary table of {@code network}, which must have its input shape. */
    static Table of(Network network) {
        network.requireInput("summary");
        Summary summary = new Summary();
        Network encoder = network.encoder();
        if (encoder != null) {
            summary.row("encoder", new PartLayer(encoder).toString(), Shapes.text(encoder.outputShape()),
                    encoder.parameterCount());
        }
        summary.row("", "input", Shapes.text(network.inputShape()), 0);
        for (int i = 0; i < network.layers().size(); i++) {
            String text = network.layers().get(i) + (network.isFrozenHere(i) ? ", frozen" : "");
            summary.row(Integer.toString(i), text, Shapes.text(network.outputShape(i)), network.layerParameterCount(i));
        }
        long total = network.parameterCount();
        summary.row("", "total", "", total);
        long trainable = network.trainableParameterCount();
        if (trainable != total) {
            summary.row("", "trainable", "", trainable);
        }
        summary.parameters.setPrintFormatter(NumberColumnFormatter.intsWithGrouping());
        return Table.create(network.name(), summary.number, summary.layer, summary.shape, summary.parameters);
    }

    private void row(String n, String l, String s, long p) {
        number.append(n);
        layer.append(l);
        shape.append(s);
        parameters.append(p);
    }
}
