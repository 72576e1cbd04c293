#!/usr/bin/env bash
# Measures the installed kernel (a benchmark, not a test).
#
#   install/bench-kernel.sh [--runs 50]     start to first result, and round trips of small cells
#   install/bench-kernel.sh --startup [--launches 5] [--peers]
#       start -> kernel_info answered -> first result of the kernel on its JDK and on the second JDK
#       (see second_java_binary in install/lib.sh), each with its start-up cache and without, launches
#       taking turns; --peers adds the Kotlin kernel and JJava on the same JDKs (installed into
#       .venv-bench, peers only, without PyTorch). Writes build/bench/startup.json, and
#       build/bench/startup.md: the section of BENCHMARKS.md that install/bench.sh writes.
#   install/bench-kernel.sh --java [--runs 30] [--launches 5] [--growth-cells 400]
#       Perceptron (Java) beside JJava (installed into .venv-bench, peers only): start to first result
#       and small-cell round trips, the same script and cells for both, launches and rounds taking
#       turns; with --growth-cells, how a declaring cell's round trip grows over a long session.
#       Writes build/bench/java.json; prints each launch, the medians and the load average before and after.
#   install/bench-kernel.sh --memory [--cells 300] [--peers]
#       heap after a full GC after the first cell and every 100 small cells (each a `val` and a `fun`),
#       read with jcmd; --peers adds the Kotlin kernel (installed into .venv-bench). Writes
#       build/bench/memory-perceptron.json (and memory-kotlin.json).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_all
if [ "${1:-}" = "--java" ]; then
    shift
    make_venv "$ROOT/.venv-bench" "$ROOT/install/bench-peers-requirements.txt" "the peer kernels" \
        || die "pip could not install install/bench-peers-requirements.txt into .venv-bench (its message is above)."
    mkdir -p "$ROOT/build/bench"
    say "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
    "$ROOT/.venv-bench/bin/python" "$ROOT/kernel/src/test/python/bench_kernel.py" --kernels perceptron-java,java \
        --json "$ROOT/build/bench/java.json" "$@"
    say "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
    exit 0
fi
if [ "${1:-}" = "--memory" ]; then
    shift
    cells=300
    peers=false
    while [ $# -gt 0 ]; do
        case "$1" in
            --cells) shift; cells="${1:?--cells needs a number}" ;;
            --peers) peers=true ;;
            *) die "unknown option $1; see the top of install/bench-kernel.sh for the options" ;;
        esac
        shift
    done
    mkdir -p "$ROOT/build/bench"
    "$VENV/bin/python" "$ROOT/kernel/src/test/python/bench_cell_memory.py" --kernels perceptron --cells "$cells" \
        --json "$ROOT/build/bench/memory-perceptron.json"
    if $peers; then
        make_venv "$ROOT/.venv-bench" "$ROOT/install/bench-peers-requirements.txt" "the peer kernels" \
            || die "pip could not install install/bench-peers-requirements.txt into .venv-bench (its message is above)."
        "$ROOT/.venv-bench/bin/python" "$ROOT/kernel/src/test/python/bench_cell_memory.py" --kernels kotlin \
            --cells "$cells" --json "$ROOT/build/bench/memory-kotlin.json"
    fi
    exit 0
fi
if [ "${1:-}" != "--startup" ]; then
    exec "$VENV/bin/python" "$ROOT/kernel/src/test/python/bench_kernel.py" "$@"
fi
shift
launches=5
peers=false
while [ $# -gt 0 ]; do
    case "$1" in
        --launches) shift; launches="${1:?--launches needs a number}" ;;
        --peers) peers=true ;;
        *) die "unknown option $1; see the top of install/bench-kernel.sh for the options" ;;
    esac
    shift
done

results="$ROOT/build/bench"
mkdir -p "$results"
write_bench_kernelspecs "$results/startup-kernels"
python="$VENV/bin/python"
peer_args=()
if $peers; then
    make_venv "$ROOT/.venv-bench" "$ROOT/install/bench-peers-requirements.txt" "the peer kernels" \
        || die "pip could not install install/bench-peers-requirements.txt into .venv-bench (its message is above)."
    python="$ROOT/.venv-bench/bin/python"
    peer_args=(--startup-peers kotlin,java)
fi
"$python" "$ROOT/kernel/src/test/python/bench_kernel.py" --runs 0 --startup "$results/startup-kernels" \
    --startup-launches "$launches" "${peer_args[@]}" --json "$results/startup.json"
"$VENV/bin/python" "$ROOT/install/bench_report.py" --startup-only --results "$results" --output "$results/startup.md" \
    --java "$(java_binary)" --venv "$VENV" --bench-venv "$ROOT/.venv-bench"
