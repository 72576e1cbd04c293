/**
 * The few classes that instrumented cell code calls ({@link io.perceptron.kernel.eval.CellBytecodeGuard}):
 * defined from the kernel's jar into the cell class path's loader, so cells reach them although
 * the kernel's own classes are hidden from cells. JDK types only; nothing else of the kernel.
 */
package io.perceptron.kernel.eval.incell;
