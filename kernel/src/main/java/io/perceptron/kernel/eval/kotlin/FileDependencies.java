package io.perceptron.kernel.eval.kotlin;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kotlin's dependency annotations at the top of a cell, as the Kotlin Jupyter kernel and
 * {@code .main.kts} scripts write them:
 * <pre>{@code
 * @file:Repository("https://maven.example.com/releases")
 * @file:DependsOn("org.apache.commons:commons-csv:1.10.0", "com.example:tool:1.2")
 * @file:DependsOn("lib/tool.jar")                  // a local jar
 * val format = org.apache.commons.csv.CSVFormat.DEFAULT
 * }</pre>
 * They are read here, before the compiler sees the cell, and resolved like {@code %maven} (see
 * {@code deps.CellDependencies}); the compiler gets the cell with them blanked out, so line and
 * column numbers stay those the user sees, and the cells' class path needs no scripting library
 * to declare the annotations.
 *
 * <p>Only the top of a cell is read: comments and blank lines, then file annotations. Other
 * file annotations ({@code @file:Suppress(...)}) stay for the compiler.
 */
final class FileDependencies {

    /** A dependency annotation below code, where the compiler would only call it unresolved. */
    private static final Pattern BELOW_CODE = Pattern.compile("(?m)^[ \\t]*@file\\s*:\\s*(DependsOn|Repository)\\b");

    /**
     * What the top of a cell asks for.
     *
     * @param repositories the {@code @file:Repository} URLs, in order
     * @param artifacts    the {@code @file:DependsOn} coordinates (or jar paths), in order
     * @param code         the cell with those annotations replaced by spaces
     */
    record Directives(List<String> repositories, List<String> artifacts, String code) {
        boolean isEmpty() {
            return repositories.isEmpty() && artifacts.isEmpty();
        }
    }

    /** A dependency annotation that cannot be read; the message says how to write it. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final String code;
    private final char[] blanked;
    private int at;

    private FileDependencies(String code) {
        this.code = code;
        this.blanked = code.toCharArray();
    }

    /**
     * Reads the dependency annotations at the top of {@code code}.
     *
     * @throws Malformed if one has arguments other than string literals, or one stands below code
     */
    static Directives read(String code) {
        return new FileDependencies(code).read();
    }

    /** Whether {@code argument} of {@code @file:DependsOn} names a local jar rather than a Maven coordinate. */
    static boolean isJarPath(String argument) {
        return argument.endsWith(".jar") || argument.contains("/") || argument.contains("\\");
    }

    private Directives read() {
        List<String> repositories = new ArrayList<>();
        List<String> artifacts = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (!code.startsWith("@file", at)) {
                break;
            }
            int start = at;
            at += "@file".length();
            skipSpaces();
            if (at >= code.length() || code.charAt(at) != ':') {
                at = start;
                break;
            }
            at++;
            skipSpaces();
            String name = identifier();
            skipSpaces();
            List<String> arguments = arguments(name);
            if (name.equals("DependsOn") || name.equals("Repository")) {
                if (arguments.isEmpty()) {
                    throw new Malformed(KotlinMessages.dependencyAnnotationEmpty(name, lineOf(start)));
                }
                (name.equals("DependsOn") ? artifacts : repositories).addAll(arguments);
                for (int i = start; i < at; i++) {
                    if (blanked[i] != '\n') {
                        blanked[i] = ' ';
                    }
                }
            }
        }
        Matcher below = BELOW_CODE.matcher(code);
        if (below.find(at)) {
            throw new Malformed(KotlinMessages.dependencyAnnotationBelowCode(below.group(1), lineOf(below.start(1))));
        }
        return new Directives(List.copyOf(repositories), List.copyOf(artifacts),
                repositories.isEmpty() && artifacts.isEmpty() ? code : new String(blanked));
    }

    /** The string literals between parentheses; other annotations' arguments are skipped unread. */
    private List<String> arguments(String annotation) {
        boolean ours = annotation.equals("DependsOn") || annotation.equals("Repository");
        List<String> arguments = new ArrayList<>();
        if (at >= code.length() || code.charAt(at) != '(') {
            return arguments;
        }
        int open = at++;
        while (true) {
            skipSpaceAndComments();
            if (at >= code.length()) {
                throw new Malformed(KotlinMessages.dependencyAnnotationUnclosed(annotation, lineOf(open)));
            }
            char c = code.charAt(at);
            if (c == ')') {
                at++;
                return arguments;
            }
            if (c == ',') {
                at++;
            } else if (c == '"' && !code.startsWith("\"\"\"", at)) {
                arguments.add(stringLiteral(annotation, open));
            } else if (ours) {
                int end = code.indexOf(')', at);
                String got = code.substring(at, end < 0 ? code.length() : end).strip();
                throw new Malformed(KotlinMessages.dependencyAnnotationNotLiteral(annotation, got, lineOf(at)));
            } else {
                skipOther(annotation, open);
            }
        }
    }

    private String stringLiteral(String annotation, int open) {
        StringBuilder value = new StringBuilder();
        at++;
        while (at < code.length() && code.charAt(at) != '"' && code.charAt(at) != '\n') {
            char c = code.charAt(at++);
            if (c == '\\' && at < code.length()) {
                value.append(code.charAt(at++));
            } else if (c == '$') {
                throw new Malformed(KotlinMessages.dependencyAnnotationNotLiteral(annotation, "a string template", lineOf(at)));
            } else {
                value.append(c);
            }
        }
        if (at >= code.length() || code.charAt(at) != '"') {
            throw new Malformed(KotlinMessages.dependencyAnnotationUnclosed(annotation, lineOf(open)));
        }
        at++;
        return value.toString().strip();
    }

    /** Moves past one argument of an annotation that is not ours, minding nested parentheses and strings. */
    private void skipOther(String annotation, int open) {
        int depth = 0;
        while (at < code.length()) {
            char c = code.charAt(at);
            if (c == '"') {
                stringLiteral(annotation, open);
                continue;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return;
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                return;
            }
            at++;
        }
    }

    private String identifier() {
        int start = at;
        while (at < code.length() && (Character.isJavaIdentifierPart(code.charAt(at)) || code.charAt(at) == '.')) {
            at++;
        }
        String name = code.substring(start, at);
        // kotlin.script.experimental.dependencies.DependsOn, written in full, is the same annotation.
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private void skipSpaces() {
        while (at < code.length() && (code.charAt(at) == ' ' || code.charAt(at) == '\t')) {
            at++;
        }
    }

    private void skipSpaceAndComments() {
        while (at < code.length()) {
            if (Character.isWhitespace(code.charAt(at))) {
                at++;
            } else if (code.startsWith("//", at)) {
                int end = code.indexOf('\n', at);
                at = end < 0 ? code.length() : end;
            } else if (code.startsWith("/*", at)) {
                int end = code.indexOf("*/", at + 2);
                at = end < 0 ? code.length() : end + 2;
            } else {
                return;
            }
        }
    }

    private int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < code.length(); i++) {
            if (code.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
