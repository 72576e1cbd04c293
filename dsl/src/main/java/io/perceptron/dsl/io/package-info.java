/**
 * Models on disk: {@link io.perceptron.dsl.io.SavedModel} writes a whole model as a folder (layers as
 * readable JSON, what the inputs mean, the weights) that {@code Model.load} reads back in any JVM
 * program, and a network's parameters to one file that loads into a network built the same way.
 */
package io.perceptron.dsl.io;
