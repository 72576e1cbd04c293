/**
 * The language-neutral side of running cells: the {@link io.perceptron.kernel.eval.Evaluator}
 * contract every language implements (evaluate, complete, inspect, is-complete, and the
 * {@link io.perceptron.kernel.eval.CellControl} steps that end an interrupted cell),
 * {@link io.perceptron.kernel.eval.CellRunner}, which runs cells on a thread that can be
 * interrupted, and what every language shares: the cell class path and default imports, the guard
 * around the user's code, tracebacks and messages. Knows nothing of Jupyter and nothing of any
 * one language: Kotlin lives in {@code eval.kotlin}; a second language gets a package beside it,
 * and a bytecode guard applied to every cell's classes belongs here, beside {@code CellGuard}.
 */
package io.perceptron.kernel.eval;
