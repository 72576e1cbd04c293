package io.perceptron.dsl.plot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the JavaScript object literals that tablesaw-jsplot writes ({@code var trace0 = {x: [..],
 * name: 'a',};}) into maps, lists, strings, numbers and booleans, so its figures can be sent as
 * Plotly JSON.
 *
 * <p>Those literals are not JSON: keys are unquoted, strings use single quotes and objects end
 * with a trailing comma. This reader accepts exactly that much JavaScript, nothing more.
 */
final class JsLiteral {
    private final String text;
    private int pos;

    private JsLiteral(String text, int pos) {
        this.text = text;
        this.pos = pos;
    }

    /** Reads the value assigned in {@code var name = value;}, or a bare value. */
    static Object readAssigned(String source) {
        String trimmed = source.strip();
        int start = 0;
        if (trimmed.startsWith("var ")) {
            start = trimmed.indexOf('=') + 1;
        }
        JsLiteral reader = new JsLiteral(trimmed, start);
        Object value = reader.value();
        reader.skipSpace();
        if (reader.pos < trimmed.length() && trimmed.charAt(reader.pos) == ';') {
            reader.pos++;
            reader.skipSpace();
        }
        if (reader.pos != trimmed.length()) {
            throw reader.error("end of the literal");
        }
        return value;
    }

    private Object value() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a value");
        }
        char ch = text.charAt(pos);
        if (ch == '{') return object();
        if (ch == '[') return array();
        if (ch == '\'' || ch == '"') return string();
        if (ch == '-' || ch == '+' || ch == '.' || Character.isDigit(ch)) return number();
        String word = identifier();
        return switch (word) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "null", "undefined" -> null;
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            default -> throw error("a value");
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // '{'
        while (true) {
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            char ch = peek();
            String key = ch == '\'' || ch == '"' ? string() : identifier();
            if (key.isEmpty()) {
                throw error("a property name");
            }
            skipSpace();
            expect(':');
            map.put(key, value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != '}') {
                throw error("',' or '}'");
            }
        }
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++; // '['
        while (true) {
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            list.add(value());
            skipSpace();
            if (peek() == ',') {
                pos++;
            } else if (peek() != ']') {
                throw error("',' or ']'");
            }
        }
    }

    private String string() {
        char quote = text.charAt(pos++);
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char ch = text.charAt(pos++);
            if (ch == quote) {
                return out.toString();
            }
            if (ch != '\\') {
                out.append(ch);
                continue;
            }
            if (pos >= text.length()) break;
            char escaped = text.charAt(pos++);
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("four hex digits");
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                }
                default -> out.append(escaped); // \' \" \\ \/ stand for themselves
            }
        }
        throw error("a closing " + quote);
    }

    private Double number() {
        int start = pos;
        while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return Double.valueOf(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("a number");
        }
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_' || text.charAt(pos) == '$')) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void expect(char ch) {
        if (peek() != ch) {
            throw error("'" + ch + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String expected) {
        int from = Math.max(0, pos - 30);
        int to = Math.min(text.length(), pos + 30);
        return new IllegalArgumentException("Expected " + expected + " at offset " + pos + " near: "
                + text.substring(from, to).replace('\n', ' '));
    }
}
