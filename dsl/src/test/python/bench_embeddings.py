"""Benchmark (not a test): sentences per second embedded by sentence-transformers, the twin of
EmbeddingBenchmark.java.

    HF_HUB_OFFLINE=1 .venv-bench/bin/python dsl/src/test/python/bench_embeddings.py FOLDER --model MODEL_FOLDER \
        [--rounds 5] [--threads 1]

Reads the texts EmbeddingBenchmark.java wrote to FOLDER/sentences.json, loads all-MiniLM-L6-v2 from
the same installed folder the DSL reads (offline), and embeds each workload whole with
``model.encode(texts, batch_size=32)`` on the CPU with ``torch.set_num_threads(threads)``: once to
warm up, then ``rounds`` times. Writes FOLDER/embeddings-torch-<threads>.json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--model", required=True, type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    workloads = json.loads((args.folder / "sentences.json").read_text())
    model = SentenceTransformer(str(args.model), device="cpu", local_files_only=True)
    per_second: dict[str, list[float]] = {}
    with torch.inference_mode():
        for name, texts in workloads.items():
            model.encode(texts, batch_size=32, show_progress_bar=False)
            rates = []
            for _ in range(args.rounds):
                start = time.perf_counter()
                model.encode(texts, batch_size=32, show_progress_bar=False)
                rates.append(len(texts) / (time.perf_counter() - start))
            per_second[name] = rates
            print(f"sentence-transformers, {args.threads} thread(s), {name}: {[round(r, 1) for r in rates]} sentences/s")
    report = {"threads": args.threads, "torch": torch.__version__, "sentences_per_second": per_second}
    (args.folder / f"embeddings-torch-{args.threads}.json").write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
