/**
 * Perceptron's deep-learning DSL: entry points {@code Model}, {@code Datasets}, {@code Loss},
 * {@code Optimizer}, {@code Plot} and {@code Tensors} live in the sub-packages, and the one
 * exception family, {@link io.perceptron.dsl.PerceptronException}, lives here.
 */
package io.perceptron.dsl;
