/**
 * Plots: {@code Plot} turns tables, matrices, images and functions into Plotly figures that draw
 * inline in a notebook (plotly.js ships with the DSL), and {@code LivePlot} updates one in place.
 */
package io.perceptron.dsl.plot;
