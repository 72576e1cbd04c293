package io.perceptron.dsl.display;

import java.util.Map;

/**
 * An object that carries its own MIME bundle, rendered by a notebook exactly as given.
 *
 * <p>Keys are MIME types ({@code text/plain}, {@code text/html}, {@code image/png},
 * {@code application/vnd.plotly.v1+json}, ...). Values are strings: text as is, binary data
 * (such as {@code image/png}) base64-encoded, and JSON types ({@code application/json} or any
 * {@code +json} type) as JSON text, which the kernel embeds as a JSON object. A bundle without
 * {@code text/plain} gets the object's {@code toString()} added.
 *
 * <pre>{@code
 * class Greeting(val name: String) : Displayable {
 *     override fun mimeBundle() = mapOf("text/html" to "<b>Hello, $name</b>")
 * }
 * Greeting("Ada")   // shows bold text in the notebook
 * }</pre>
 */
public interface Displayable {

    /** The representations of this object, keyed by MIME type. */
    Map<String, String> mimeBundle();
}
