/**
 * Loss functions: how far a model's outputs are from the labels, as one number to minimize.
 * {@link io.perceptron.dsl.loss.Loss} is the entry point ({@code Loss.crossEntropy()}, {@code Loss.mse()}, ...).
 */
package io.perceptron.dsl.loss;
