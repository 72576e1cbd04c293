/**
 * The bridge to the DSL's display SPI, which lives in the cells' class loader: rendering values to
 * MIME bundles and receiving the displays cells publish. Also turns bundles into Jupyter JSON.
 */
package io.perceptron.kernel.display;
