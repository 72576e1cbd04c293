package io.perceptron.dsl.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.perceptron.dsl.PerceptronException;
import io.perceptron.dsl.data.Examples;
import io.perceptron.dsl.data.Vocabulary;
import io.perceptron.dsl.model.NoGradient;
import io.perceptron.dsl.model.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Greedy decoding for an encoder-decoder: the decoder's input starts as the start token
 * followed by padding; at step t the model runs on it and the best-scoring token at position t
 * is written into position t + 1, until every sequence has ended or the length is reached.
 *
 * <p>Each step reruns the whole model on the sequence so far, which is simple and correct for
 * recurrent and masked-attention decoders alike; for the short sentences of the tutorials it
 * takes well under a second.
 */
final class Generation {
    private Generation() {
    }

    /** The decoded text of every example, in a {@code predicted} column. */
    static Table greedy(ai.djl.Model djl, Examples examples, Signature signature, int steps) {
        List<String> classes = signature.classes();
        int start = signature.decoderStart();
        int end = classes.indexOf(Vocabulary.END);
        int pad = Math.max(0, classes.indexOf(Vocabulary.PAD));
        List<String> texts = new ArrayList<>();
        int[] order = Batches.identity(examples.size());
        Batches batches = new Batches(examples, BatchForward.BATCH, DataType.FLOAT32, -1);
        try (NDManager manager = djl.getNDManager().newSubManager(); NoGradient noGradient = NoGradient.enter()) {
            ParameterStore store = new ParameterStore(manager, false);
            for (int from = 0; from < examples.size(); from += BatchForward.BATCH) {
                int to = Math.min(examples.size(), from + BatchForward.BATCH);
                int rows = to - from;
                float[] decoderInput = new float[rows * steps];
                Arrays.fill(decoderInput, pad);
                long[][] chosen = new long[rows][steps];
                boolean[] ended = new boolean[rows];
                for (int r = 0; r < rows; r++) {
                    decoderInput[r * steps] = start;
                }
                try (NDManager batchManager = manager.newSubManager()) {
                    NDArray source = batches.features(batchManager, order, from, to);
                    for (int t = 0; t < steps && !allTrue(ended); t++) {
                        long[] next = step(djl, store, batchManager, source, decoderInput, rows, steps, t);
                        for (int r = 0; r < rows; r++) {
                            chosen[r][t] = ended[r] ? pad : next[r];
                            ended[r] |= next[r] == end;
                            if (t + 1 < steps) {
                                decoderInput[r * steps + t + 1] = chosen[r][t];
                            }
                        }
                    }
                } catch (PerceptronException e) {
                    throw e;
                } catch (RuntimeException e) {
                    throw TrainingErrors.engineFailed("decoding " + examples.name(), e);
                }
                for (long[] sequence : chosen) {
                    texts.add(text(sequence, classes, end));
                }
            }
        }
        return Table.create("predictions of " + examples.name(), StringColumn.create("predicted", texts));
    }

    /** One decoding step: the best token at position {@code t} for every row. */
    private static long[] step(ai.djl.Model djl, ParameterStore store, NDManager batchManager, NDArray source,
                               float[] decoderInput, int rows, int steps, int t) {
        // The encoder's work lands in the source's manager; the step's own arrays go with the step.
        try (NDManager stepManager = batchManager.newSubManager()) {
            NDArray input = stepManager.create(decoderInput, new Shape(rows, steps));
            NDArray scores = djl.getBlock().forward(store, new NDList(source, input), false).head();
            try (NDArray atStep = scores.get(new NDIndex(":, {}", t)); NDArray best = atStep.argMax(-1)) {
                return best.toLongArray();
            }
        }
    }

    /** The tokens up to the end token, without special tokens, joined as the vocabulary reads them. */
    static String text(long[] sequence, List<String> classes, int end) {
        boolean characters = classes.stream().filter(token -> !isSpecial(token)).allMatch(token -> token.length() == 1);
        StringBuilder text = new StringBuilder();
        for (long index : sequence) {
            if (index == end) {
                break;
            }
            String token = classes.get((int) index);
            if (isSpecial(token)) {
                continue;
            }
            if (!characters && text.length() > 0) {
                text.append(' ');
            }
            text.append(token);
        }
        return text.toString();
    }

    private static boolean isSpecial(String token) {
        return token.equals(Vocabulary.PAD) || token.equals(Vocabulary.START) || token.equals(Vocabulary.END)
                || token.equals(Vocabulary.UNKNOWN);
    }

    private static boolean allTrue(boolean[] flags) {
        for (boolean flag : flags) {
            if (!flag) {
                return false;
            }
        }
        return true;
    }
}
