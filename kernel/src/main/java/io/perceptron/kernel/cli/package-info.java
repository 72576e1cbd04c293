/**
 * The kernel's command line: reads the connection file Jupyter passes, builds the cell class
 * path, wires the evaluator to the protocol layer and serves until shutdown.
 */
package io.perceptron.kernel.cli;
