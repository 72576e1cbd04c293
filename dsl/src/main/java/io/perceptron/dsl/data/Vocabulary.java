package io.perceptron.dsl.data;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Text to numbers and back: a code table that gives every word (or every character) of some
 * texts a number, so a network can read sentences as sequences of indices.
 *
 * <p>Four special tokens come first, at fixed indices: {@value #PAD} = 0 fills sentences up
 * to a fixed length, {@value #UNKNOWN} = 1 stands for a token never seen when the vocabulary
 * was built, {@value #START} = 2 and {@value #END} = 3 mark where a sentence begins and ends.
 * The other tokens follow in alphabetical order. Words are lower-cased and punctuation marks
 * are tokens of their own; characters are taken exactly as written.
 *
 * <pre>{@code
 * val reviews = Datasets.sentiment(1000, 42)
 * val vocab = Vocabulary.words(reviews, "text")               // 50 tokens
 * vocab.encode("the bagel is good", 6)                        // [42, 11, 26, 22, 0, 0]
 * vocab.decode(vocab.encode("the bagel is good", 6))          // "the bagel is good"
 * val examples = vocab.encode(reviews, "text", "label", 12)   // Examples for an LSTM
 * Vocabulary.characters(listOf("cats are cute")).table()      // the code table
 * }</pre>
 */
public final class Vocabulary {

    /** Fills a sequence up to its fixed length; always index 0. */
    public static final String PAD = "<pad>";
    /** Stands for any token the vocabulary does not know; always index 1. */
    public static final String UNKNOWN = "<unk>";
    /** Marks the start of a sentence (what a decoder reads first); always index 2. */
    public static final String START = "<bos>";
    /** Marks the end of a sentence (what a decoder writes last); always index 3. */
    public static final String END = "<eos>";

    private static final List<String> SPECIAL = List.of(PAD, UNKNOWN, START, END);
    /** A word (letters, digits and inner apostrophes) or one punctuation mark. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}']+|[^\\s\\p{L}\\p{N}]");
    /** Tokens listed by toString before it says "...". */
    private static final int SHOWN_TOKENS = 16;

    /** Whether a vocabulary reads words or single characters. */
    public enum Level { WORDS, CHARACTERS }

    /** Where the padding goes when a sentence is shorter than the fixed length. */
    public enum Padding {
        /** Tokens first, then padding: the usual choice, and what decoders expect. */
        AFTER,
        /** Padding first, then tokens: a recurrent network reading to the end sees the words last. */
        BEFORE
    }

    private final Level level;
    private final List<String> tokens;
    private final Map<String, Integer> indexOf;

    private Vocabulary(Level level, List<String> tokens) {
        this.level = level;
        this.tokens = List.copyOf(tokens);
        this.indexOf = new HashMap<>();
        for (int i = 0; i < tokens.size(); i++) indexOf.put(tokens.get(i), i);
    }

    /**
     * A word-level vocabulary of every word in {@code texts}.
     *
     * <pre>{@code
     * Vocabulary.words(listOf("I want a bagel so bad", "this bagel is so bad")).size()   // 4 + 8
     * }</pre>
     */
    public static Vocabulary words(Iterable<String> texts) {
        return build(Level.WORDS, texts, "the texts given");
    }

    /**
     * A word-level vocabulary of every word in one text column of a table.
     *
     * <pre>{@code
     * Vocabulary.words(Datasets.sentiment(42), "text")
     * }</pre>
     */
    public static Vocabulary words(Table table, String column) {
        return build(Level.WORDS, TextExamples.texts(table, column), "column '" + column + "'");
    }

    /**
     * A character-level vocabulary of every character in {@code texts}.
     *
     * <pre>{@code
     * Vocabulary.characters(listOf("katter är söta")).tokens()   // [<pad>, <unk>, <bos>, <eos>,  , a, e, k, r, s, t, ä, ö]
     * }</pre>
     */
    public static Vocabulary characters(Iterable<String> texts) {
        return build(Level.CHARACTERS, texts, "the texts given");
    }

    /**
     * A character-level vocabulary of every character in one text column of a table.
     *
     * <pre>{@code
     * Vocabulary.characters(Datasets.translations("swedish", 2000, 42), "target")
     * }</pre>
     */
    public static Vocabulary characters(Table table, String column) {
        return build(Level.CHARACTERS, TextExamples.texts(table, column), "column '" + column + "'");
    }

    /** Whether this vocabulary reads words or characters. */
    public Level level() {
        return level;
    }

    /** How many tokens there are, the four special ones included. */
    public int size() {
        return tokens.size();
    }

    /** All tokens in index order: the special ones first, then the rest alphabetically. */
    public List<String> tokens() {
        return tokens;
    }

    /** The index of {@code token}, or the index of {@value #UNKNOWN} when it is not known. */
    public int index(String token) {
        return indexOf.getOrDefault(token, 1);
    }

    /** The token at {@code index}. */
    public String token(int index) {
        if (index < 0 || index >= tokens.size()) {
            throw DataErrors.unknownTokenIndex(index, tokens.size());
        }
        return tokens.get(index);
    }

    /**
     * {@code text} cut into tokens the way this vocabulary reads it (words lower-cased, or
     * single characters).
     *
     * <pre>{@code
     * Vocabulary.words(listOf("x")).split("This bagel, so bad!")   // [this, bagel, ",", so, bad, "!"]
     * }</pre>
     */
    public List<String> split(String text) {
        return tokenize(level, text);
    }

    /** The indices of {@code text}'s tokens, as many as there are tokens, without padding or markers. */
    public int[] indices(String text) {
        List<String> parts = split(text);
        int[] out = new int[parts.size()];
        for (int i = 0; i < out.length; i++) out[i] = index(parts.get(i));
        return out;
    }

    /**
     * Exactly {@code length} indices: {@code text}'s tokens, then {@value #PAD} up to the
     * length. Longer texts keep their first {@code length} tokens.
     *
     * <pre>{@code
     * vocab.encode("the bagel is good", 6)   // [42, 11, 26, 22, 0, 0] for the sentiment corpus
     * }</pre>
     */
    public int[] encode(String text, int length) {
        return fit(indices(text), length, false, Padding.AFTER);
    }

    /**
     * Exactly {@code length} indices: {@value #START}, {@code text}'s tokens, {@value #END},
     * then {@value #PAD}. Longer texts lose tokens from the end; both markers stay.
     *
     * <pre>{@code
     * vocab.encodeWithMarkers("the bagel is good", 8)   // [2, 39, 10, 24, 20, 3, 0, 0]
     * }</pre>
     */
    public int[] encodeWithMarkers(String text, int length) {
        return fit(indices(text), length, true, Padding.AFTER);
    }

    /**
     * The text that {@code indices} stand for: padding and start markers are skipped, and
     * reading stops at the first {@value #END}. Words are joined by spaces, characters by
     * nothing.
     *
     * <pre>{@code
     * vocab.decode(vocab.encodeWithMarkers("the bagel is good", 20))   // "the bagel is good"
     * }</pre>
     */
    public String decode(int[] indices) {
        List<String> out = new ArrayList<>();
        for (int index : indices) {
            if (index == 3) break;
            if (index == 0 || index == 2) continue;
            out.add(token(index));
        }
        return String.join(level == Level.WORDS ? " " : "", out);
    }

    /** {@link #decode(int[])} for indices held as longs. */
    public String decode(long[] indices) {
        int[] ints = new int[indices.length];
        for (int i = 0; i < ints.length; i++) {
            if (indices[i] < 0 || indices[i] >= tokens.size()) throw DataErrors.unknownTokenIndex(indices[i], size());
            ints[i] = (int) indices[i];
        }
        return decode(ints);
    }

    /** {@link #decode(int[])} for indices held as floats, such as a row of {@link Examples#features(int)}. */
    public String decode(float[] indices) {
        int[] ints = new int[indices.length];
        for (int i = 0; i < ints.length; i++) ints[i] = Math.round(indices[i]);
        return decode(ints);
    }

    /**
     * {@link #decode(int[])} for a one-dimensional tensor of indices, such as the arg-max of a
     * decoder's outputs.
     *
     * <pre>{@code
     * vocab.decode(scores.argMax(-1))
     * }</pre>
     */
    public String decode(NDArray indices) {
        try (NDArray asLongs = indices.toType(DataType.INT64, true)) {
            return decode(asLongs.toLongArray());
        }
    }

    /**
     * Examples for a sequence model: each row's text as {@code length} token indices (features
     * shaped [length], padding after the tokens) and its label as a class index. The class names
     * are the label column's distinct values, sorted (texts alphabetically, numbers by value).
     *
     * <pre>{@code
     * val examples = vocab.encode(reviews, "text", "label", 12)
     * examples.classNames()   // [negative, positive]
     * }</pre>
     */
    public Examples encode(Table table, String textColumn, String labelColumn, int length) {
        return encode(table, textColumn, labelColumn, length, Padding.AFTER);
    }

    /**
     * Like {@link #encode(Table, String, String, int)}, with the padding before or after the
     * tokens.
     *
     * <pre>{@code
     * vocab.encode(reviews, "text", "label", 12, Vocabulary.Padding.BEFORE)
     * }</pre>
     */
    public Examples encode(Table table, String textColumn, String labelColumn, int length, Padding padding) {
        return TextExamples.encode(table, textColumn, labelColumn, length,
                level.name().toLowerCase(Locale.ROOT) + " indices", text -> fit(indices(text), length, false, padding));
    }

    /**
     * Examples for a model that draws what it reads: each picture's caption (its class name, as in
     * {@link Datasets#captionedScenes(int, int, long)}) as {@code length} token indices, padding
     * after the tokens, with the picture itself as the target to produce. No classes: training
     * compares pixels ({@code Loss.mse()} by default).
     *
     * <pre>{@code
     * val scenes = Datasets.captionedScenes(1400, 20, 42)
     * val words = Vocabulary.words(scenes.classNames())
     * val sentences = words.encodeCaptions(scenes, 6)    // features [6]: word ids; labels [1, 20, 20]: the picture
     * words.encodeCaptions(Datasets.multiLabelImages(8, 32, 1), 6)   // fails: no single class (caption) per picture
     * }</pre>
     */
    public Examples encodeCaptions(Examples pictures, int length) {
        if (pictures.classNames().isEmpty() || pictures.labelShape().length != 0) {
            throw DataErrors.noCaptions(pictures.toString());
        }
        int count = pictures.size();
        float[] features = new float[count * length];
        for (int i = 0; i < count; i++) {
            int[] ids = fit(indices(pictures.labelName(i)), length, false, Padding.AFTER);
            for (int j = 0; j < length; j++) features[i * length + j] = ids[j];
        }
        Examples captions = Examples.of(pictures.name() + " captions", features, new long[] {length}, new float[count],
                new long[0], List.of());
        return captions.withTargets(pictures);
    }

    /**
     * Examples for a bag-of-words model: each row's text as a vector of word counts, one number
     * per token of this vocabulary (features shaped [size()]), word order thrown away. Labels
     * as in {@link #encode(Table, String, String, int)}.
     *
     * <pre>{@code
     * val bags = vocab.bagOfWords(reviews, "text", "label")   // features [vocab.size()]
     * }</pre>
     */
    public Examples bagOfWords(Table table, String textColumn, String labelColumn) {
        List<String> texts = TextExamples.texts(table, textColumn);
        TextExamples.ClassLabels labels = TextExamples.ClassLabels.of(table, labelColumn);
        int width = size();
        float[] features = new float[texts.size() * width];
        for (int row = 0; row < texts.size(); row++) {
            for (int index : indices(texts.get(row))) features[row * width + index] += 1;
        }
        return Examples.of(table.name() + " as bags of " + level.name().toLowerCase(Locale.ROOT), features,
                new long[] {width}, labels.indices(), new long[0], labels.names());
    }

    /**
     * Examples for an encoder-decoder: features are the source texts read by this vocabulary
     * (tokens, {@value #END}, padding; shaped [sourceLength]); labels are the target texts read
     * by {@code target} (tokens, {@value #END}, padding; shaped [targetLength]), and the class
     * names are the target's tokens. A decoder's input is the label row shifted right by one
     * with {@value #START} in front.
     *
     * <pre>{@code
     * val pairs = Datasets.translations("swedish", 2000, 42)
     * val english = Vocabulary.characters(pairs, "english")
     * val swedish = Vocabulary.characters(pairs, "target")
     * val examples = english.encodePairs(pairs, "english", 40, swedish, "target", 40)
     * }</pre>
     */
    public Examples encodePairs(Table table, String sourceColumn, int sourceLength,
                                Vocabulary target, String targetColumn, int targetLength) {
        Datasets.requireAtLeast("source length", sourceLength, 2);
        Datasets.requireAtLeast("target length", targetLength, 2);
        List<String> sources = TextExamples.texts(table, sourceColumn);
        List<String> targets = TextExamples.texts(table, targetColumn);
        float[] features = new float[sources.size() * sourceLength];
        float[] labels = new float[targets.size() * targetLength];
        for (int row = 0; row < sources.size(); row++) {
            int[] source = withEnd(indices(sources.get(row)), sourceLength);
            int[] goal = withEnd(target.indices(targets.get(row)), targetLength);
            for (int j = 0; j < sourceLength; j++) features[row * sourceLength + j] = source[j];
            for (int j = 0; j < targetLength; j++) labels[row * targetLength + j] = goal[j];
        }
        return Examples.of(sourceColumn + " → " + targetColumn, features,
                new long[] {sourceLength}, labels, new long[] {targetLength}, target.tokens());
    }

    /**
     * The code table: every token with its index. A space is shown as "␣" so it can be seen.
     *
     * <pre>{@code
     * Vocabulary.characters(listOf("cats are cute")).table()
     * }</pre>
     */
    public Table table() {
        return Table.create(level == Level.WORDS ? "word codes" : "character codes",
                StringColumn.create("token", tokens.stream().map(t -> t.equals(" ") ? "␣" : t).toList()),
                IntColumn.indexColumn("index", tokens.size(), 0));
    }

    @Override
    public String toString() {
        List<String> shown = tokens.subList(0, Math.min(SHOWN_TOKENS, tokens.size())).stream()
                .map(t -> t.equals(" ") ? "␣" : t).toList();
        return "Vocabulary(" + level.name().toLowerCase(Locale.ROOT) + ", " + tokens.size() + " tokens: "
                + String.join(" ", shown) + (tokens.size() > SHOWN_TOKENS ? " ..." : "") + ")";
    }

    private static Vocabulary build(Level level, Iterable<String> texts, String source) {
        TreeSet<String> found = new TreeSet<>();
        for (String text : texts) {
            if (text != null) found.addAll(tokenize(level, text));
        }
        found.removeAll(SPECIAL);
        if (found.isEmpty()) {
            throw DataErrors.noTokens(source);
        }
        List<String> all = new ArrayList<>(SPECIAL);
        all.addAll(found);
        return new Vocabulary(level, all);
    }

    private static List<String> tokenize(Level level, String text) {
        if (text == null || text.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> out = new ArrayList<>();
        if (level == Level.CHARACTERS) {
            text.codePoints().forEach(c -> out.add(new String(Character.toChars(c))));
        } else {
            Matcher matcher = WORD.matcher(text.toLowerCase(Locale.ROOT));
            while (matcher.find()) out.add(matcher.group());
        }
        return out;
    }

    /** Cuts or pads {@code tokens} to exactly {@code length}, with start and end markers if asked. */
    private static int[] fit(int[] tokens, int length, boolean markers, Padding padding) {
        Datasets.requireAtLeast("sequence length" + (markers ? " (with start and end markers)" : ""), length,
                markers ? 2 : 1);
        int room = markers ? length - 2 : length;
        int kept = Math.min(room, tokens.length);
        int[] body = new int[kept + (markers ? 2 : 0)];
        int at = 0;
        if (markers) body[at++] = 2;
        System.arraycopy(tokens, 0, body, at, kept);
        at += kept;
        if (markers) body[at] = 3;
        int[] out = new int[length];
        System.arraycopy(body, 0, out, padding == Padding.AFTER ? 0 : length - body.length, body.length);
        return out;
    }

    /** Tokens, then {@value #END}, then padding; a long text keeps the end marker as its last token. */
    private static int[] withEnd(int[] tokens, int length) {
        int kept = Math.min(length - 1, tokens.length);
        int[] out = new int[length];
        System.arraycopy(tokens, 0, out, 0, kept);
        out[kept] = 3;
        return out;
    }
}
