/**
 * Models on disk: {@link io.perceptron.dsl.io.SavedModel} writes a network's parameters, with what it
 * was trained on, to one file and reads them back into a network built the same way.
 */
package io.perceptron.dsl.io;
