/**
 * Training, evaluation and prediction on a model's {@link io.perceptron.dsl.model.Network}: the {@code Fit} settings
 * behind {@code model.fit(data)}, the loop, one file per behaviour of a run and per data source, and the listener API.
 */
package io.perceptron.dsl.training;
