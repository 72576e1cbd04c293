/**
 * Data to learn from: {@link io.perceptron.dsl.data.Datasets} generates seeded tables, images and
 * sentences; {@link io.perceptron.dsl.data.Examples} holds tensor-shaped examples,
 * {@link io.perceptron.dsl.data.Vocabulary} turns text into numbers and {@link io.perceptron.dsl.data.Images}
 * turns examples and tensors into pictures.
 */
package io.perceptron.dsl.data;
