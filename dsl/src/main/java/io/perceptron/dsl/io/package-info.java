/**
 * Models and weights on disk: {@link io.perceptron.dsl.io.SavedModel} writes a network's parameters,
 * with what it was trained on, to one file and reads them back into a network built the same way;
 * {@link io.perceptron.dsl.io.SafeTensors} reads the safetensors files that published models come in
 * ({@link io.perceptron.dsl.io.WeightFileErrors} says what is wrong with one), and
 * {@link io.perceptron.dsl.io.InstalledModels} finds a published model installed with the project.
 */
package io.perceptron.dsl.io;
