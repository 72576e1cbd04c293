/**
 * Files of weights: {@link io.perceptron.dsl.io.SafeTensors} reads the safetensors files that
 * published models come in, and {@link io.perceptron.dsl.io.WeightFileErrors} says what is wrong with one.
 */
package io.perceptron.dsl.io;
