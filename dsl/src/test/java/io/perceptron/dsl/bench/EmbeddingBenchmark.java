package io.perceptron.dsl.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.perceptron.dsl.data.Datasets;
import io.perceptron.dsl.model.Pretrained;
import io.perceptron.dsl.model.SentenceEncoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sentences per second embedded by the DSL's all-MiniLM-L6-v2 on a given number of engine threads:
 * 256 short reviews (notebook 09's, 8 to 14 tokens) and 32 paragraphs cut at the 256-token limit,
 * each embedded whole ({@code encoder.embed(list)}, batches of 32 of similar length) once to warm up
 * and then {@code rounds} times. A main program, not a test: timings depend on the machine.
 *
 * <p>It writes the sentences to {@code folder/sentences.json}, so that
 * {@code dsl/src/test/python/bench_embeddings.py} gives sentence-transformers the very same texts,
 * and its own times to {@code folder/embeddings-dsl-<threads>.json}. {@code install/bench.sh} runs
 * both, one thread count after the other, and writes the report.
 *
 * <pre>
 * OPT_OUT_TRACKING=true java -Dai.djl.offline=true -Dperceptron.venv=.venv \
 *     -cp dsl/target/test-classes:dsl/target/classes:$(cat dsl/target/bench-classpath.txt) \
 *     io.perceptron.dsl.bench.EmbeddingBenchmark [rounds] [threads] [folder]
 * </pre>
 */
public final class EmbeddingBenchmark {
    private static final String PARAGRAPH = "The history of bread begins in the Neolithic, when people first ground"
            + " wild grains between stones, mixed the flour with water and baked the paste on hot rocks; the flat"
            + " loaves kept for days and travelled well, and over thousands of years bakers learned to leaven the"
            + " dough with wild yeasts, to shape it into rings and boil it before baking, and to sell it from carts"
            + " in the streets of every city where it was loved. ";

    private EmbeddingBenchmark() {
    }

    /** The two workloads, by name: short reviews and long paragraphs. */
    static Map<String, List<String>> workloads() {
        Map<String, List<String>> workloads = new LinkedHashMap<>();
        workloads.put("short reviews", Datasets.sentiment(256, 7).stringColumn("text").asList());
        List<String> paragraphs = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            paragraphs.add("Paragraph " + i + ". " + PARAGRAPH.repeat(3));
        }
        workloads.put("paragraphs of 256 tokens", paragraphs);
        return workloads;
    }

    public static void main(String[] args) throws IOException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        Path folder = Files.createDirectories(Path.of(args.length > 2 ? args[2] : "target/bench-embeddings"));
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        Map<String, List<String>> workloads = workloads();
        Files.writeString(folder.resolve("sentences.json"), gson.toJson(workloads));

        Engine.getEngine("PyTorch");   // loads LibTorch, which setNumThreads needs
        JniUtils.setNumThreads(threads);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("threads", threads);
        Map<String, List<Double>> perSecond = new LinkedHashMap<>();
        try (SentenceEncoder encoder = Pretrained.load("all-MiniLM-L6-v2")) {
            for (Map.Entry<String, List<String>> workload : workloads.entrySet()) {
                List<String> sentences = workload.getValue();
                encoder.embed(sentences).close();   // warm-up
                List<Double> rates = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    long start = System.nanoTime();
                    encoder.embed(sentences).close();
                    double seconds = (System.nanoTime() - start) / 1e9;
                    rates.add(sentences.size() / seconds);
                }
                perSecond.put(workload.getKey(), rates);
                System.out.printf("DSL, %d thread(s), %s: %s sentences/s%n", threads, workload.getKey(), rates);
            }
        }
        report.put("sentences_per_second", perSecond);
        Files.writeString(folder.resolve("embeddings-dsl-" + threads + ".json"), gson.toJson(report));
    }
}
