package io.perceptron.dsl.model;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.TextExamples;
import io.perceptron.dsl.display.Displayable;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A pretrained sentence encoder: the published tokenizer, then a BERT built from the DSL's own
 * layers holding the published weights, then the mean of its token vectors over the real tokens,
 * scaled to length 1; the same steps, and the same numbers, as sentence-transformers. Made by
 * {@link Pretrained#load(String)}.
 *
 * <pre>{@code
 * val encoder = Pretrained.load("all-MiniLM-L6-v2")
 * val v = encoder.embed("this bagel is so bad", "I want a bagel so bad", "a bagel with cream cheese")
 * v.matMul(v.transpose())        // cosine similarities: the vectors have length 1
 * encoder.tokens("I want a bagel so bad")   // [[CLS], i, want, a, bag, ##el, so, bad, [SEP]]
 *
 * // a head on the frozen encoder: token ids in, two classes out, trained with the ordinary fit
 * encoder.freeze()
 * val classifier = Model.sequential("reviews").input(encoder.maxLength()).add(encoder.model()).dense(2)
 * classifier.fit(encoder.encode(train, "text", "label")).epochs(20).train()
 * }</pre>
 */
public final class SentenceEncoder implements Displayable, AutoCloseable {
    /** Sentences run through the network together; sentence-transformers' default batch. */
    private static final int BATCH = 32;

    private final String name;
    private final Path folder;
    private final BertConfig config;
    private final Model model;
    private final HuggingFaceTokenizer tokenizer;
    private final int maxLength;
    private final long unusedParameters;

    SentenceEncoder(String name, Path folder, BertConfig config, Model model, HuggingFaceTokenizer tokenizer,
                    int maxLength, long unusedParameters) {
        this.name = name;
        this.folder = folder;
        this.config = config;
        this.model = model;
        this.tokenizer = tokenizer;
        this.maxLength = maxLength;
        this.unusedParameters = unusedParameters;
    }

    /**
     * One vector per sentence, shaped (sentences, {@link #dimension()}), each of length 1 when the
     * model normalizes (all-MiniLM-L6-v2 does), so that a dot product is a cosine similarity.
     * Sentences longer than {@link #maxLength()} tokens are cut there, as sentence-transformers does.
     * The array is freed with the encoder.
     *
     * <pre>{@code
     * encoder.embed(listOf("this bagel is so bad", "I want a bagel so bad")).shape   // (2, 384)
     * }</pre>
     */
    public NDArray embed(List<String> sentences) {
        NDManager owner = model.djl().getNDManager();
        if (sentences.isEmpty()) {
            return owner.zeros(new Shape(0, dimension()));
        }
        // Sentences of similar length go in one batch, as sentence-transformers does, so a long one
        // does not make the short ones beside it pay for its padding.
        Encoding[] encodings = tokenizer.batchEncode(sentences);
        Integer[] order = new Integer[encodings.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        try (NDManager scratch = owner.newSubManager()) {
            NDList batches = new NDList();
            for (int from = 0; from < order.length; from += BATCH) {
                Integer[] batch = Arrays.copyOfRange(order, from, Math.min(order.length, from + BATCH));
                batches.add(model.predict(ids(encodings, batch, scratch)));
            }
            NDArray sorted = batches.size() == 1 ? batches.head() : NDArrays.concat(batches);
            int[] position = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                position[order[i]] = i;
            }
            NDArray vectors = sorted.get(scratch.create(position));
            vectors.attach(owner);
            return vectors;
        }
    }

    /** The same as {@link #embed(List)}, for sentences written out. */
    public NDArray embed(String... sentences) {
        return embed(Arrays.asList(sentences));
    }

    /** How the tokenizer reads a sentence: its word pieces, [CLS] and [SEP] included, cut at {@link #maxLength()}. */
    public List<String> tokens(String sentence) {
        return List.of(tokenizer.encode(sentence).getTokens());
    }

    /**
     * A table of texts and labels as examples for a model that starts with this encoder: each text
     * as {@link #maxLength()} token ids, padded with 0 (the model skips the padding), each label as a
     * class index; the class names are the label column's values, sorted.
     *
     * <pre>{@code
     * val train = encoder.encode(reviews, "text", "label")   // features [256], classes [negative, positive]
     * }</pre>
     */
    public Examples encode(Table table, String textColumn, String labelColumn) {
        return TextExamples.encode(table, textColumn, labelColumn, maxLength, name + " token ids", text -> {
            long[] ids = tokenizer.encode(text).getIds();
            int[] row = new int[maxLength];
            for (int i = 0; i < ids.length; i++) {
                row[i] = Math.toIntExact(ids[i]);
            }
            return row;
        });
    }

    /** The network, token ids in and sentence vectors out: add it to a model to put a head on it. */
    public Model model() {
        return model;
    }

    /** The encoder's name, e.g. "all-MiniLM-L6-v2". */
    public String name() {
        return name;
    }

    /** The sizes of the BERT inside, from the folder's config.json. */
    public BertConfig config() {
        return config;
    }

    /** The folder the weights and tokenizer came from. */
    public Path folder() {
        return folder;
    }

    /** Numbers per sentence vector: 384 for all-MiniLM-L6-v2. */
    public int dimension() {
        return Math.toIntExact(model.outputShape().get(0));
    }

    /** The most tokens read from one sentence, [CLS] and [SEP] included: 256 for all-MiniLM-L6-v2. */
    public int maxLength() {
        return maxLength;
    }

    /** The network's parameters, from shapes: 22,565,376 for all-MiniLM-L6-v2. */
    public long parameterCount() {
        return model.parameterCount();
    }

    /**
     * The parameters in the published checkpoint: {@link #parameterCount()} plus BERT's pooler,
     * which mean pooling does not use (all-MiniLM-L6-v2: 22,713,216, published as 22.7M).
     */
    public long checkpointParameterCount() {
        return model.parameterCount() + unusedParameters;
    }

    /** The network's layers, output shapes and parameter counts, as every model's summary. */
    public Table summary() {
        return model.summary();
    }

    /** Stops the network's weights from learning, in every model it is part of. */
    public SentenceEncoder freeze() {
        model.freeze();
        return this;
    }

    /** Lets the network's weights learn again (fine-tuning them all). */
    public SentenceEncoder unfreeze() {
        model.unfreeze();
        return this;
    }

    /** Frees the weights and the tokenizer. */
    @Override
    public void close() {
        model.close();
        tokenizer.close();
    }

    /** In a notebook, the encoder shows as its network's summary, titled with what it does. */
    @Override
    public Map<String, String> mimeBundle() {
        Map<String, String> bundle = new LinkedHashMap<>(model.mimeBundle());
        bundle.put("text/plain", toString());
        return bundle;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SentenceEncoder \"%s\": %d transformer blocks, %d-number vectors, up to %d"
                + " tokens, %,d parameters%s", name, config.blocks(), dimension(), maxLength, parameterCount(),
                model.isFrozen() ? ", frozen" : "");
    }

    /** Token ids of the sentences {@code rows}, padded with 0 to the longest; shaped (rows, longest). */
    private static NDArray ids(Encoding[] encodings, Integer[] rows, NDManager manager) {
        int longest = Arrays.stream(rows).mapToInt(row -> encodings[row].getIds().length).max().orElse(1);
        long[] ids = new long[rows.length * longest];
        for (int r = 0; r < rows.length; r++) {
            long[] sentence = encodings[rows[r]].getIds();
            System.arraycopy(sentence, 0, ids, r * longest, sentence.length);
        }
        return manager.create(ids, new Shape(rows.length, longest));
    }
}
