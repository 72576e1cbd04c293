/**
 * Kotlin cells, through the Kotlin scripting K1 REPL: {@link io.perceptron.kernel.eval.kotlin.KotlinEvaluator}
 * (evaluation and interrupts) over the compiler, the history of evaluated snippets, completion,
 * inspection, Kotlin's syntax checks, and the Kotlin parts of tracebacks and messages.
 */
package io.perceptron.kernel.eval.kotlin;
