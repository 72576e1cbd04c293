/**
 * Names a user types for things: {@link io.perceptron.dsl.names.Names} resolves "relu", "adam", "mse" loosely and,
 * for a name it does not know, gives the one message that lists the valid names.
 */
package io.perceptron.dsl.names;
