/**
 * How DSL objects show themselves: MIME bundles, the renderer for known types, and the display
 * hook a notebook kernel installs. Outside a notebook everything prints as plain text.
 */
package io.perceptron.dsl.display;
