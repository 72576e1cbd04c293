/**
 * Data to learn from: {@link io.perceptron.dsl.data.Datasets} generates seeded tables, images and
 * sentences; {@link io.perceptron.dsl.data.Examples} holds tensor-shaped examples,
 * {@link io.perceptron.dsl.data.Vocabulary} turns text into numbers, {@link io.perceptron.dsl.data.Images}
 * turns examples and tensors into pictures and {@link io.perceptron.dsl.data.Projection} flattens vectors to 2-D.
 */
package io.perceptron.dsl.data;
