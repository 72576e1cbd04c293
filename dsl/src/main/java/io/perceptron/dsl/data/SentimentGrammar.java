package io.perceptron.dsl.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The grammar behind {@link Datasets#sentiment(int, long)}. Each template has two adjective
 * slots: the one that decides the meaning and one that is contrasted away ("not ...", "was ...
 * but now"). Every pair of sentences fills the slots both ways, so the two sentences use exactly
 * the same words and mean opposite things: only word order tells them apart. One pair of templates
 * turns on "so bad" itself: wanting something so bad is praise, a thing that is so bad is not.
 */
final class SentimentGrammar {

    static final String POSITIVE = "positive";
    static final String NEGATIVE = "negative";

    /** Templates: {n} is the thing reviewed, {d} the deciding adjective, {o} the other one. */
    private static final List<String> TEMPLATES = List.of(
            "the {n} is {i}{d} not {o}",
            "the {n} is not {o} it is {i}{d}",
            "the {n} was {o} but now it is {i}{d}",
            "i thought the {n} would be {o} but it is {i}{d}",
            "the {n} seemed {o} at first but it is {i}{d}",
            "this {n} is so {d} and not {o} at all");

    /**
     * A twin pair that is not a slot swap: the same words, where "so bad" either says how much the
     * thing is wanted (positive) or judges it (negative). {g} is a good adjective from {@link #GOOD_AFTER_A}.
     */
    private static final String WANTED = "because this one is {g} i want a {n} so bad";
    private static final String UNWANTED = "i want a {g} one because this {n} is so bad";

    private static final List<String> THINGS = List.of(
            "bagel", "coffee", "movie", "pizza", "book", "song", "soup", "game", "show", "cake");
    private static final List<String> GOOD = List.of("good", "great", "nice", "lovely", "amazing", "wonderful");
    /** The good adjectives that can follow "a" (the so-bad pair says "a {g} one"). */
    private static final List<String> GOOD_AFTER_A = GOOD.stream().filter(word -> "aeiou".indexOf(word.charAt(0)) < 0)
            .toList();
    private static final List<String> BAD = List.of("bad", "awful", "terrible", "boring", "horrible", "dull");
    /** Intensifiers in front of the deciding adjective; the empty one leaves it bare. */
    private static final List<String> INTENSIFIERS = List.of("", "so ", "really ", "very ");

    private SentimentGrammar() {
    }

    /** {@code n} sentences, twin after twin, then shuffled; columns text and label. */
    static Table corpus(int n, Random random) {
        List<String> texts = new ArrayList<>(n + 1);
        List<String> labels = new ArrayList<>(n + 1);
        while (texts.size() < n) {
            // One draw past the swap templates picks the "so bad" pair, as often as any template.
            int template = random.nextInt(TEMPLATES.size() + 1);
            String thing = THINGS.get(random.nextInt(THINGS.size()));
            String good = GOOD.get(random.nextInt(GOOD.size()));
            String bad = BAD.get(random.nextInt(BAD.size()));
            String intensifier = INTENSIFIERS.get(random.nextInt(INTENSIFIERS.size()));
            if (template == TEMPLATES.size()) {
                String praise = GOOD_AFTER_A.get(random.nextInt(GOOD_AFTER_A.size()));
                texts.add(WANTED.replace("{n}", thing).replace("{g}", praise));
                texts.add(UNWANTED.replace("{n}", thing).replace("{g}", praise));
            } else {
                texts.add(fill(TEMPLATES.get(template), thing, intensifier, good, bad));
                texts.add(fill(TEMPLATES.get(template), thing, intensifier, bad, good));
            }
            labels.add(POSITIVE);
            labels.add(NEGATIVE);
        }
        int[] order = Shuffle.order(texts.size(), random);
        String[] text = new String[n];
        String[] label = new String[n];
        for (int i = 0; i < n; i++) {
            text[i] = texts.get(order[i]);
            label[i] = labels.get(order[i]);
        }
        return Table.create("sentiment", StringColumn.create("text", text), StringColumn.create("label", label));
    }

    private static String fill(String template, String thing, String intensifier, String deciding, String other) {
        return template.replace("{n}", thing).replace("{i}", intensifier).replace("{d}", deciding)
                .replace("{o}", other);
    }
}
