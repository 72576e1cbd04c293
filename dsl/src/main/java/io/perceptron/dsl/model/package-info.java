/**
 * {@link io.perceptron.dsl.model.Model}, the fluent model builder and the built DJL model behind it,
 * and {@link io.perceptron.dsl.model.Architectures}, famous networks described with it.
 */
package io.perceptron.dsl.model;
