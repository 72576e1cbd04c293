/**
 * {@link io.perceptron.dsl.model.Model}, the fluent builder and the user's verbs, over the
 * {@link io.perceptron.dsl.model.Network} it describes and builds (shapes, counts, freezing, device, the DJL
 * model); {@link io.perceptron.dsl.model.Architectures}, famous networks described with it.
 */
package io.perceptron.dsl.model;
