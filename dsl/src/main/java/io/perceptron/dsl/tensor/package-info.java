/**
 * Tensors by hand for the first notebooks: {@link io.perceptron.dsl.tensor.Tensors} (tensors from
 * lists, autograd, gradient steps), {@link io.perceptron.dsl.tensor.Neuron} and
 * {@link io.perceptron.dsl.tensor.Activations}, before models hide the mechanics.
 */
package io.perceptron.dsl.tensor;
