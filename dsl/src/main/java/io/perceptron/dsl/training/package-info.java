/**
 * Training, evaluation and prediction on a model's {@link io.perceptron.dsl.model.Network}: the
 * {@link io.perceptron.dsl.training.Fit} settings behind {@code model.fit(data)}, its
 * {@link io.perceptron.dsl.training.TrainingRun} result and the listener API for progress.
 */
package io.perceptron.dsl.training;
