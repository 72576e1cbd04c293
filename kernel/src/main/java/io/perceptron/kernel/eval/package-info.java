/**
 * The language side of the kernel: evaluate, complete, inspect and is-complete for cell code, and
 * {@link io.perceptron.kernel.eval.CellRunner}, which runs cells on a thread that can be interrupted.
 * Knows nothing of Jupyter; Kotlin is the first language behind {@link io.perceptron.kernel.eval.Evaluator}.
 */
package io.perceptron.kernel.eval;
