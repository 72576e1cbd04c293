package io.perceptron.dsl.plot;

import java.util.Map;

/**
 * Writes the plain Java trees that figures are built from (maps, lists, strings, numbers,
 * booleans, primitive arrays) as JSON text.
 *
 * <p>A writer of our own rather than Gson because figures are mostly large primitive arrays,
 * which this writes directly, and because the text is also embedded in a {@code <script>}:
 * {@code <}, {@code >} and {@code &} are escaped as {@code \u003c}-style sequences so no string
 * can close the script element, and U+2028/U+2029 so the text stays valid JavaScript.
 * Non-finite numbers become {@code null}, which Plotly draws as a gap.
 */
final class Json {
    /** Doubles with no fraction below this size are written as integers ({@code 3}, not {@code 3.0}). */
    private static final double LARGEST_EXACT_INTEGER = 1e15;

    private Json() {
    }

    /** JSON text that is copied into the output as is (already valid JSON). */
    record Raw(String text) {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(text, out);
        } else if (value instanceof Boolean flag) {
            out.append(flag.booleanValue());
        } else if (value instanceof Double number) {
            number(number, out);
        } else if (value instanceof Float number) {
            number(number, out);
        } else if (value instanceof Number number) {
            out.append(number);
        } else if (value instanceof Raw raw) {
            out.append(raw.text());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) out.append(',');
                first = false;
                string(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) out.append(',');
                first = false;
                write(item, out);
            }
            out.append(']');
        } else if (value instanceof double[] numbers) {
            out.append('[');
            for (int i = 0; i < numbers.length; i++) {
                if (i > 0) out.append(',');
                number(numbers[i], out);
            }
            out.append(']');
        } else if (value instanceof float[] numbers) {
            out.append('[');
            for (int i = 0; i < numbers.length; i++) {
                if (i > 0) out.append(',');
                number(numbers[i], out);
            }
            out.append(']');
        } else if (value instanceof int[] numbers) {
            out.append('[');
            for (int i = 0; i < numbers.length; i++) {
                if (i > 0) out.append(',');
                out.append(numbers[i]);
            }
            out.append(']');
        } else if (value instanceof long[] numbers) {
            out.append('[');
            for (int i = 0; i < numbers.length; i++) {
                if (i > 0) out.append(',');
                out.append(numbers[i]);
            }
            out.append(']');
        } else if (value instanceof Object[] items) {
            out.append('[');
            for (int i = 0; i < items.length; i++) {
                if (i > 0) out.append(',');
                write(items[i], out);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("No JSON form for " + value.getClass().getName());
        }
    }

    private static void number(double value, StringBuilder out) {
        if (!Double.isFinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_INTEGER) {
            out.append((long) value);
        } else {
            out.append(value);
        }
    }

    private static void number(float value, StringBuilder out) {
        if (!Float.isFinite(value)) {
            out.append("null");
        } else if (value == Math.rint(value) && Math.abs(value) < LARGEST_EXACT_INTEGER) {
            out.append((long) value);
        } else {
            // Float's own shortest form: 0.1f prints as 0.1, not 0.10000000149011612.
            out.append(value);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == '<' || ch == '>' || ch == '&' || ch == '\u2028' || ch == '\u2029') {
                        out.append(String.format("\\u%04x", (int) ch));
                    } else {
                        out.append(ch);
                    }
                }
            }
        }
        out.append('"');
    }
}
