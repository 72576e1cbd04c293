/**
 * Training, evaluation, prediction and checkpoints: the {@link io.perceptron.dsl.training.Fit} builder behind
 * {@code model.fit(data)}, its {@link io.perceptron.dsl.training.TrainingRun} result and the listener API for progress.
 */
package io.perceptron.dsl.training;
