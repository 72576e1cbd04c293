/**
 * Models and weights on disk: {@link io.perceptron.dsl.io.SavedModel} writes a whole model as a folder
 * (layers as readable JSON, what the inputs mean, the weights) that {@code Model.load} reads back in
 * any JVM program, and a network's parameters to one file that loads into a network built the same way;
 * {@link io.perceptron.dsl.io.SafeTensors} reads the safetensors files that published models come in
 * ({@link io.perceptron.dsl.io.WeightFileErrors} says what is wrong with one), and
 * {@link io.perceptron.dsl.io.InstalledModels} finds a published model installed with the project.
 */
package io.perceptron.dsl.io;
