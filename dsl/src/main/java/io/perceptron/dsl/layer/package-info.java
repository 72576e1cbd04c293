/**
 * The layers a {@code Model} stacks: each knows its output shape and parameter count from its
 * input shape alone, and builds the DJL block that computes it (with small blocks of our own where
 * DJL has none, such as activations, attention and residual connections).
 */
package io.perceptron.dsl.layer;
