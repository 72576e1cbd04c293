/**
 * Java cells: {@link io.perceptron.kernel.eval.java.JavaEvaluator} runs them with JShell in the
 * kernel's own JVM, behind the language-neutral {@link io.perceptron.kernel.eval.Evaluator}.
 */
package io.perceptron.kernel.eval.java;
