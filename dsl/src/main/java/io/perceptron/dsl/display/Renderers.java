package io.perceptron.dsl.display;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import javax.imageio.ImageIO;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumberColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Turns any value into a MIME bundle: the value's own bundle if it is {@link Displayable}, else
 * the renderer registered for its type (Tablesaw {@link Table}, images, tablesaw-jsplot figures), else
 * {@code toString()}. Every bundle has {@code text/plain}.
 *
 * <p>Rendering lives here, beside the types it knows, because a notebook kernel keeps the cell
 * class path (DSL, DJL, Tablesaw) in a class loader of its own; the kernel calls
 * {@link #bundle(Object)} and never touches these types itself.
 *
 * <pre>{@code
 * Renderers.register(Money::class.java) { m -> mapOf("text/html" to "<b>${m.amount} €</b>") }
 * }</pre>
 */
public final class Renderers {
    /** Rows shown from each end of a long table; the rest are elided with a count. */
    static final int TABLE_EDGE_ROWS = 10;
    /** Digits shown of fractional numbers in HTML tables: enough to compare losses, short enough to scan. */
    static final int SIGNIFICANT_DIGITS = 6;

    private static final Map<Class<?>, Function<Object, Map<String, String>>> BY_TYPE =
            new LinkedHashMap<>();

    static {
        register(Table.class, Renderers::table);
        register(RenderedImage.class, image -> Map.of("image/png", png(image)));
        register(ai.djl.ndarray.NDArray.class, array -> Map.of("text/plain", io.perceptron.dsl.tensor.Tensors.format(array)));
        register(tech.tablesaw.plotly.components.Figure.class,
                figure -> io.perceptron.dsl.plot.Figure.from(figure).mimeBundle());
    }

    private Renderers() {
    }

    /**
     * Registers a renderer for values of {@code type} (and its subtypes). Later registrations
     * win over earlier ones for the same type.
     */
    @SuppressWarnings("unchecked")
    public static synchronized <T> void register(Class<T> type, Function<? super T, Map<String, String>> renderer) {
        BY_TYPE.remove(type);
        BY_TYPE.put(type, (Function<Object, Map<String, String>>) renderer);
    }

    /** The MIME bundle for {@code value}; {@code null} renders as {@code "null"}. */
    public static Map<String, String> bundle(Object value) {
        Map<String, String> bundle = new LinkedHashMap<>();
        if (value instanceof Displayable displayable) {
            bundle.putAll(displayable.mimeBundle());
        } else if (value != null) {
            Function<Object, Map<String, String>> renderer = rendererFor(value.getClass());
            if (renderer != null) {
                bundle.putAll(renderer.apply(value));
            }
        }
        bundle.putIfAbsent("text/plain", String.valueOf(value));
        return bundle;
    }

    private static synchronized Function<Object, Map<String, String>> rendererFor(Class<?> type) {
        Function<Object, Map<String, String>> found = null;
        for (Map.Entry<Class<?>, Function<Object, Map<String, String>>> entry : BY_TYPE.entrySet()) {
            if (entry.getKey().isAssignableFrom(type)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    private static Map<String, String> table(Table table) {
        Map<String, String> bundle = new LinkedHashMap<>();
        bundle.put("text/html", tableHtml(table));
        bundle.put("text/plain", table.printAll().length() < 4000 ? table.printAll() : table.print(2 * TABLE_EDGE_ROWS));
        return bundle;
    }

    /** An HTML table: header, the first and last rows when long, and the row count. */
    static String tableHtml(Table table) {
        StringBuilder html = new StringBuilder("<div class=\"perceptron-table\">");
        if (table.name() != null && !table.name().isBlank()) {
            html.append("<div><b>").append(escape(table.name())).append("</b></div>");
        }
        html.append("<table><thead><tr>");
        for (String column : table.columnNames()) {
            html.append("<th>").append(escape(column)).append("</th>");
        }
        html.append("</tr></thead><tbody>");
        int rows = table.rowCount();
        List<Integer> shown = new ArrayList<>();
        if (rows <= 2 * TABLE_EDGE_ROWS) {
            for (int r = 0; r < rows; r++) shown.add(r);
        } else {
            for (int r = 0; r < TABLE_EDGE_ROWS; r++) shown.add(r);
            shown.add(-1);
            for (int r = rows - TABLE_EDGE_ROWS; r < rows; r++) shown.add(r);
        }
        for (int r : shown) {
            html.append("<tr>");
            for (int c = 0; c < table.columnCount(); c++) {
                html.append("<td>").append(r < 0 ? "…" : escape(cell(table, r, c))).append("</td>");
            }
            html.append("</tr>");
        }
        html.append("</tbody></table><div>")
                .append(rows).append(rows == 1 ? " row" : " rows").append(" × ")
                .append(table.columnCount()).append(table.columnCount() == 1 ? " column" : " columns")
                .append("</div></div>");
        return html.toString();
    }

    /** A cell's text; fractional numbers are shown to {@value #SIGNIFICANT_DIGITS} significant digits. */
    private static String cell(Table table, int row, int column) {
        Column<?> col = table.column(column);
        if (!col.isMissing(row) && (col instanceof DoubleColumn || col instanceof FloatColumn)) {
            return compact(((NumberColumn<?, ?>) col).getDouble(row));
        }
        return table.getString(row, column);
    }

    /** {@code 0.2121551274317948} as {@code 0.212155}, {@code 1e-9} as {@code 1e-09}, {@code 3.0} as {@code 3}. */
    static String compact(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        String text = String.format(Locale.ROOT, "%." + SIGNIFICANT_DIGITS + "g", value);
        int exponent = text.indexOf('e');
        String mantissa = exponent < 0 ? text : text.substring(0, exponent);
        if (mantissa.contains(".")) {
            mantissa = mantissa.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return exponent < 0 ? mantissa : mantissa + text.substring(exponent);
    }

    static String png(RenderedImage image) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", bytes);
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not encode the image as PNG", e);
        }
    }

    /** Escapes text for HTML element content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
