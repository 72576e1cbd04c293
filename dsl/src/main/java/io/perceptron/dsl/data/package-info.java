/**
 * Data to learn from: {@link io.perceptron.dsl.data.Datasets} generates seeded tables, images and
 * sentences, reads your own pictures (image folders: {@code ImageFolderScan}, {@code ImageDecoder},
 * {@link io.perceptron.dsl.data.ImageOptions}, {@link io.perceptron.dsl.data.Augmentation}) and the real data
 * sets pinned Python packages ship ({@link io.perceptron.dsl.data.ShippedFiles});
 * {@link io.perceptron.dsl.data.TableEncoding} turns a table's feature columns into model inputs;
 * {@link io.perceptron.dsl.data.Examples} holds tensor-shaped examples, in memory or as files,
 * {@link io.perceptron.dsl.data.Vocabulary} turns text into numbers, {@link io.perceptron.dsl.data.Images}
 * turns examples and tensors into pictures and {@link io.perceptron.dsl.data.Projection} flattens vectors to 2-D.
 */
package io.perceptron.dsl.data;
