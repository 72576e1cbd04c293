package io.perceptron.dsl.plot;

import tech.tablesaw.api.Table;

/**
 * Anything that answers a table of features with a table of predictions, in the form
 * {@code model.predict(table)} gives: a {@code predicted} column and, for classes, a probability
 * column {@code p_<class>} per class. A trained {@code Model} is one; so the plots that ask a
 * model for answers ({@link Plot#decisionBoundary(TablePredictor, Table, String, String, String)})
 * take any of them, and the plot package needs nothing of the model package.
 *
 * <pre>{@code
 * Plot.decisionBoundary(model, moons, "x1", "x2", "label")      // model is a TablePredictor
 * Plot.decisionBoundary(TablePredictor { t -> myRules(t) }, moons, "x1", "x2", "label")
 * }</pre>
 */
@FunctionalInterface
public interface TablePredictor {

    /** The predictions for every row of {@code data}, as {@code model.predict(data)} gives them. */
    Table predict(Table data);
}
