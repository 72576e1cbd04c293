package io.perceptron.dsl.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.io.csv.CsvReadOptions;

/**
 * Finds the pictures of an image folder (one subfolder per class) or of a CSV file that lists
 * file names with their labels, checks each file, and returns examples that decode the files
 * when they are needed. Files that are not pictures, or are cut short, are left out with a
 * one-line warning each and counted; nothing is returned when no picture is left.
 */
final class ImageFolderScan {
    /** Warnings after this many are summed up in one line: a folder of 10,000 text files needs one message, not 10,000. */
    private static final int MAX_WARNINGS = 10;
    /** Labels in one CSV cell: "dog cone", "dog;cone", "dog|cone". */
    private static final Pattern LABEL_SEPARATOR = Pattern.compile("[\\s;|]+");

    private final List<String> skipped = new ArrayList<>();

    private ImageFolderScan() {
    }

    /** Reads a folder with one subfolder per class, classes in sorted order of the subfolders' names. */
    static Examples folder(Path root, ImageOptions options) {
        Path folder = existingFolder(root);
        List<Path> classFolders;
        try (Stream<Path> children = Files.list(folder)) {
            classFolders = children.filter(Files::isDirectory).filter(p -> !hidden(p)).sorted().toList();
        } catch (IOException e) {
            throw DataErrors.cannotRead(folder, e);
        }
        if (classFolders.isEmpty()) {
            throw DataErrors.noClassFolders(folder, visibleFiles(folder).size());
        }
        ImageFolderScan scan = new ImageFolderScan();
        Map<String, List<Path>> found = new LinkedHashMap<>();
        for (Path classFolder : classFolders) {
            found.put(classFolder.getFileName().toString(), visibleFiles(classFolder));
        }
        int total = found.values().stream().mapToInt(List::size).sum();
        ScanProgress progress = ScanProgress.start("Scanning " + folder.getFileName(), total);
        List<String> classes = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        List<String> emptyClasses = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, List<Path>> entry : found.entrySet()) {
            List<Path> good = new ArrayList<>();
            for (Path file : entry.getValue()) {
                scan.keepIfPicture(folder, file, good);
                progress.step(++checked);
            }
            if (good.isEmpty()) {
                emptyClasses.add(entry.getKey());
                continue;
            }
            for (Path file : good) {
                files.add(file);
                labels.add((float) classes.size());
            }
            classes.add(entry.getKey());
        }
        for (String empty : emptyClasses) {
            System.err.println(DataErrors.emptyClassFolderWarning(folder.resolve(empty), classes));
        }
        if (files.isEmpty()) {
            progress.stop();
            throw DataErrors.noPictures(folder, total, scan.skipped.size());
        }
        if (classes.size() < 2) {
            progress.stop();
            throw DataErrors.oneClassFolder(folder, classes.get(0), emptyClasses);
        }
        progress.finish(String.format(Locale.ROOT, "Found %,d images in %d classes (%s) in folder %s%s", files.size(),
                classes.size(), counts(classes, labels), folder.getFileName(), scan.skippedNote(emptyClasses)));
        String origin = "read from folder " + folder + " as needed" + scan.skippedNote(emptyClasses);
        return Examples.of(folder.getFileName().toString(), new ImageFiles(files, options, origin), options.shape(),
                toArray(labels), new long[0], classes);
    }

    /**
     * Reads pictures listed in a CSV file with their labels, for multi-label data. The first
     * column names the files (relative to the CSV's folder). Either one more column holds each
     * picture's labels separated by spaces (or ";" or "|"; empty for none), or each further column
     * is one label holding 0 or 1.
     */
    static Examples csv(Path csvFile, ImageOptions options) {
        Path csv = csvFile.toAbsolutePath().normalize();
        if (!Files.isRegularFile(csv)) {
            throw Files.isDirectory(csv) ? DataErrors.csvIsFolder(csv) : DataErrors.noSuchPath(csv, "CSV file");
        }
        Table table;
        try {
            table = Table.read().usingOptions(CsvReadOptions.builder(csv.toFile()).header(true));
        } catch (RuntimeException e) {
            throw DataErrors.badLabelCsv(csv, "Tablesaw could not read it (" + e.getMessage() + ")");
        }
        if (table.columnCount() < 2 || table.rowCount() == 0) {
            throw DataErrors.badLabelCsv(csv, "it has " + table.columnCount() + " columns and " + table.rowCount()
                    + " rows");
        }
        Column<?> names = table.column(0);
        List<String> labelNames;
        boolean oneColumnPerLabel = table.columnCount() > 2 || yesNo(table.column(1));
        if (oneColumnPerLabel) {
            labelNames = table.columnNames().subList(1, table.columnCount());
            for (String label : labelNames) {
                if (!yesNo(table.column(label))) {
                    throw DataErrors.badLabelCsv(csv, "column '" + label + "' does not hold 0 or 1");
                }
            }
        } else {
            TreeSet<String> all = new TreeSet<>();
            for (int r = 0; r < table.rowCount(); r++) {
                all.addAll(splitLabels(table.column(1), r));
            }
            labelNames = new ArrayList<>(all);
            if (labelNames.isEmpty()) {
                throw DataErrors.badLabelCsv(csv, "column '" + table.column(1).name() + "' names no labels");
            }
        }
        ImageFolderScan scan = new ImageFolderScan();
        Path folder = csv.getParent();
        ScanProgress progress = ScanProgress.start("Scanning " + csv.getFileName(), table.rowCount());
        List<Path> files = new ArrayList<>();
        List<Float> labels = new ArrayList<>();
        int k = labelNames.size();
        for (int r = 0; r < table.rowCount(); r++) {
            progress.step(r + 1);
            String name = names.getString(r);
            Path file = folder.resolve(name).normalize();
            if (name.isBlank() || !Files.isRegularFile(file)) {
                scan.skip(DataErrors.listedFileMissing(csv, r + 1, name));
                continue;
            }
            float[] row = new float[k];
            if (oneColumnPerLabel) {
                for (int j = 0; j < k; j++) {
                    Column<?> column = table.column(j + 1);
                    double value = zeroOrOne(column, r);
                    if (value != 0 && value != 1) {
                        throw DataErrors.badLabelCsv(csv, "row " + (r + 1) + " has " + column.getString(r)
                                + " in column '" + column.name() + "', where 0 or 1 belongs");
                    }
                    row[j] = (float) value;
                }
            } else {
                for (String label : splitLabels(table.column(1), r)) {
                    row[labelNames.indexOf(label)] = 1;
                }
            }
            List<Path> good = new ArrayList<>(1);
            scan.keepIfPicture(folder, file, good);
            if (!good.isEmpty()) {
                files.add(file);
                for (float v : row) {
                    labels.add(v);
                }
            }
        }
        if (files.isEmpty()) {
            progress.stop();
            throw DataErrors.noPictures(csv, table.rowCount(), scan.skipped.size());
        }
        progress.finish(String.format(Locale.ROOT, "Found %,d images with labels %s in %s%s", files.size(),
                labelNames, csv.getFileName(), scan.skippedNote(List.of())));
        String origin = "read from the files listed in " + csv + " as needed" + scan.skippedNote(List.of());
        String name = csv.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return Examples.of(name, new ImageFiles(files, options, origin), options.shape(), toArray(labels),
                new long[] {k}, labelNames);
    }

    /** Adds {@code file} to {@code good} if it is a picture; otherwise warns and counts it. */
    private void keepIfPicture(Path root, Path file, List<Path> good) {
        String problem = ImageDecoder.check(file);
        if (problem == null) {
            good.add(file);
        } else {
            skip(DataErrors.skippedFileWarning(relative(root, file), problem));
        }
    }

    private void skip(String warning) {
        skipped.add(warning);
        if (skipped.size() <= MAX_WARNINGS) {
            System.err.println(warning);
        } else if (skipped.size() == MAX_WARNINGS + 1) {
            System.err.println(DataErrors.moreSkippedWarning(MAX_WARNINGS));
        }
    }

    private String skippedNote(List<String> emptyClasses) {
        StringBuilder note = new StringBuilder();
        if (!skipped.isEmpty()) {
            note.append("; skipped ").append(skipped.size()).append(skipped.size() == 1 ? " file" : " files");
        }
        if (!emptyClasses.isEmpty()) {
            note.append("; left out ").append(emptyClasses.size() == 1 ? "an empty class folder: " : "empty class folders: ")
                    .append(String.join(", ", emptyClasses));
        }
        return note.toString();
    }

    private static Path existingFolder(Path root) {
        Path folder = root.toAbsolutePath().normalize();
        if (!Files.exists(folder)) {
            throw DataErrors.noSuchPath(folder, "folder");
        }
        if (!Files.isDirectory(folder)) {
            throw DataErrors.notAFolder(folder);
        }
        return folder;
    }

    /** Every regular file under {@code folder}, subfolders included, in sorted order, hidden ones left out. */
    private static List<Path> visibleFiles(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> !hiddenBelow(folder, p))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw DataErrors.cannotRead(folder, e);
        }
    }

    /** Dot files and dot folders (.DS_Store, .ipynb_checkpoints) are the system's, not pictures. */
    private static boolean hidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static boolean hiddenBelow(Path root, Path path) {
        for (Path part : root.relativize(path)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path file) {
        Path parent = root.getFileName() == null ? root : root.getParent();
        return parent == null ? file.toString() : parent.relativize(file).toString();
    }

    /** Whether a column can hold yes/no labels: numbers (0 or 1) or Tablesaw's true/false. */
    private static boolean yesNo(Column<?> column) {
        return column instanceof NumericColumn<?> || column instanceof BooleanColumn;
    }

    private static double zeroOrOne(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return Double.NaN;
        }
        if (column instanceof BooleanColumn booleans) {
            return Boolean.TRUE.equals(booleans.get(row)) ? 1 : 0;
        }
        return ((NumericColumn<?>) column).getDouble(row);
    }

    private static List<String> splitLabels(Column<?> column, int row) {
        if (column.isMissing(row)) {
            return List.of();
        }
        String text = column.getString(row).trim();
        return text.isEmpty() ? List.of() : List.of(LABEL_SEPARATOR.split(text));
    }

    private static String counts(List<String> classes, List<Float> labels) {
        int[] count = new int[classes.size()];
        for (float label : labels) {
            count[(int) label]++;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < classes.size() && i < MAX_WARNINGS; i++) {
            parts.add(String.format(Locale.ROOT, "%s %,d", classes.get(i), count[i]));
        }
        return String.join(", ", parts) + (classes.size() > MAX_WARNINGS ? ", ..." : "");
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}
