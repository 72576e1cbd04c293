/**
 * Optimizers and learning-rate schedules: how each training step changes the weights.
 * {@link io.perceptron.dsl.optimizer.Optimizer} and {@link io.perceptron.dsl.optimizer.Schedule} are the entry points.
 */
package io.perceptron.dsl.optimizer;
