/**
 * The Jupyter side of the kernel: sockets and signatures, the request handlers that keep the
 * books (execution count, history, busy and idle), and where a running cell's output goes.
 */
package io.perceptron.kernel.protocol;
