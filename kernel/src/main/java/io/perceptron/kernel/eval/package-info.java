/**
 * The language side of the kernel: evaluate, complete, inspect and is-complete for cell code.
 * Knows nothing of Jupyter; Kotlin is the first language behind {@link io.perceptron.kernel.eval.Evaluator}.
 */
package io.perceptron.kernel.eval;
