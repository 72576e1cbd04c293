/**
 * Line magics: cell lines starting with {@code %} that talk to the kernel instead of running as
 * Kotlin, such as {@code %help}.
 */
package io.perceptron.kernel.magics;
