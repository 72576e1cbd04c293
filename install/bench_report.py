"""Writes BENCHMARKS.md from what install/bench.sh measured (the JSON files under build/bench).

    python install/bench_report.py --results build/bench --output BENCHMARKS.md [options bench.sh passes]

Reads kernels.json (bench_kernel.py), training/block-*/training-{djl,torch}.json and the two
profiles, describes the machine, and states each of issue 5's goals with the figure measured and
whether it is met. Where a goal is missed it names the cause the profiles show.
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import statistics
import subprocess
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GOAL_DSL_DJL = 1.05
GOAL_DSL_TORCH = 1.0
GOAL_MEMORY_FLAT = 0.05
GOAL_LIVE = 1.03
# Issue 14: start -> first result of the kernel as installed (with its start-up cache) on JDK 25.
GOAL_STARTUP_S = 1.5
GOAL_STARTUP_JDK = 25

# How the DSL profile's steps (the method trainBatch was calling) line up with the PyTorch split.
DSL_STEPS = [
    ("batch slicing", ("Batches.",)),
    ("forward", ("Block.forward",)),
    ("loss", ("compute",)),
    ("backward", ("GradientCollector.backward",)),
    ("optimizer step", ("update", "getGradient")),
    ("loss and accuracy bookkeeping", ("getFloat", "Scores.add")),
    ("memory management (sub-managers, closing arrays)", ("Manager.", ".close")),
]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def yes(met: bool) -> str:
    return "**met**" if met else "**missed**"


def read_json(path: Path) -> dict | None:
    return json.loads(path.read_text()) if path.exists() else None


def command(*args: str) -> str:
    try:
        out = subprocess.run(args, capture_output=True, text=True, timeout=30)
        return (out.stdout + out.stderr).strip()
    except (OSError, subprocess.SubprocessError) as error:
        return f"unknown ({error})"


def machine(java: str) -> list[tuple[str, str]]:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "unknown")
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    os_name = next((line.split("=", 1)[1].strip().strip('"') for line in Path("/etc/os-release").read_text().splitlines()
                    if line.startswith("PRETTY_NAME=")), platform.system()) if Path("/etc/os-release").exists() else platform.system()
    java_version = command(java, "-version").splitlines()
    return [
        ("CPU", f"{cpu}, {os.cpu_count()} cores visible"),
        ("memory", f"{memory_kb / 1048576:.1f} GiB"),
        ("OS", f"{os_name}, Linux {platform.release()}"),
        ("JDK", java_version[1] if len(java_version) > 1 else java_version[0] if java_version else "unknown"),
        ("Python", platform.python_version()),
    ]


def pom_property(name: str) -> str:
    match = re.search(rf"<{re.escape(name)}>([^<]+)</{re.escape(name)}>", (ROOT / "pom.xml").read_text())
    return match.group(1) if match else "?"


def package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def training_blocks(results: Path) -> tuple[dict, dict, dict | None, dict | None, list[str]]:
    """Merges every block's epoch times: {case: {side: [ms...]}}, names, and the runs' descriptions."""
    times: dict[str, dict[str, list[float]]] = {}
    names: dict[str, str] = {}
    djl_info = torch_info = None
    failures = []
    for block in sorted((results / "training").glob("block-*")):
        for failure in block.glob("*-failure.txt"):
            failures.append(f"{block.name}: {failure.read_text().strip()}")
        djl = read_json(block / "training-djl.json")
        torch = read_json(block / "training-torch.json")
        if djl:
            djl_info = djl
            for case in djl["cases"]:
                names[case["key"]] = case["name"]
                for side in ("dslMs", "djlBareMs", "djlAccuracyMs"):
                    times.setdefault(case["key"], {}).setdefault(side, []).extend(case[side])
        if torch:
            torch_info = torch
            for case in torch["cases"]:
                times.setdefault(case["key"], {}).setdefault("torchMs", []).extend(case["torchMs"])
    return times, names, djl_info, torch_info, failures


def dsl_split(profile: dict) -> dict[str, float]:
    """The DSL profile's samples as milliseconds per epoch, in the PyTorch split's steps."""
    split = dict.fromkeys([name for name, _ in DSL_STEPS] + ["other"], 0.0)
    total = profile["samples"] or 1
    for step, count in profile["steps"].items():
        ms = profile["msPerEpoch"] * count / total
        name = next((name for name, keys in DSL_STEPS if any(key in step for key in keys)), "other")
        split[name] += ms
    return split


def profile_section(w, label: str, profile_dsl: dict, profile_torch: dict | None) -> None:
    """The DSL's Flight Recorder split beside PyTorch's timed split of the same loop, per epoch."""
    split = dsl_split(profile_dsl)
    torch_split = profile_torch["stepsMsPerEpoch"] if profile_torch else {}
    w(f"**Profile of the {label} epoch.** The DSL side ran {profile_dsl['epochs']} epochs under Java Flight Recorder "
      f"(`TrainingProfile.java`: {profile_dsl['samples']} weighted samples of the training thread, each put under "
      "the step of the loop it fell in); the PyTorch side timed each step of the same loop with "
      f"`time.perf_counter` over {profile_torch['epochs'] if profile_torch else '?'} epochs (`bench_torch.py "
      "--profile-epochs`). Both ran after their timed epochs, so their totals differ a little from the table above.")
    w("")
    w("| step | DSL ms / epoch | PyTorch ms / epoch | DSL / PyTorch |")
    w("| --- | --- | --- | --- |")
    gaps = []
    for step, dsl_ms in split.items():
        torch_ms = torch_split.get(step)
        if step == "optimizer step" and torch_split:
            torch_ms = torch_split.get("optimizer step", 0) + torch_split.get("zero_grad", 0)
        if dsl_ms < 0.05 and not torch_ms:
            continue
        name = step + (" (PyTorch: step + zero_grad)" if step == "optimizer step" else "")
        if torch_ms:
            w(f"| {name} | {dsl_ms:.1f} | {torch_ms:.1f} | {dsl_ms / torch_ms:.2f} |")
        else:
            w(f"| {name} | {dsl_ms:.1f} | — | — |")
        gaps.append((dsl_ms - (torch_ms or 0), step, dsl_ms, torch_ms or 0))
    torch_total = f"{profile_torch['msPerEpoch']:.1f}" if profile_torch else "—"
    w(f"| total | {profile_dsl['msPerEpoch']:.1f} | {torch_total} | |")
    w("")
    total = profile_dsl["samples"] or 1
    w("Where the DSL's samples stood (top of stack): " + ", ".join(
        f"`{name}` {100 * count / total:.0f}%" for name, count in list(profile_dsl["topNative"].items())[:6])
      + f"; Java code on top of the stack: {100 * sum(profile_dsl['topJava'].values()) / total:.0f}% of the samples.")
    w("")
    gaps.sort(reverse=True)
    if gaps and profile_torch:
        w("Largest differences, DSL minus PyTorch, per epoch: " + "; ".join(
            f"{step} {gap:+.1f} ms ({dsl_ms:.1f} vs {torch_ms:.1f})" for gap, step, dsl_ms, torch_ms in gaps[:3]) + ".")
        w("")


def startup_goal(startup: dict | None) -> tuple[str, str, bool | None] | None:
    """Issue 14's goal, from the start-up benchmark: the cached kernel on JDK 25 under 1.5 s."""
    if not startup:
        return None
    cached = [k for k in startup["kernels"].values()
              if k["cache"] and k["javaFeature"] == GOAL_STARTUP_JDK and not k["failure"] and k["firstS"]]
    goal = f"start → first result, JDK {GOAL_STARTUP_JDK}, start-up cache < {GOAL_STARTUP_S} s"
    if not cached:
        return goal, "not measured", None
    first = median(cached[0]["firstS"])
    return goal, f"{first:.2f} s (median of {len(cached[0]['firstS'])})", first < GOAL_STARTUP_S


def startup_section(w, startup: dict) -> None:
    """Start -> kernel_info -> first result per kernel, JDK and cache, from bench_kernel.py --startup."""
    before, after = startup["loadBefore"], startup["loadAfter"]
    w("## Start-up")
    w("")
    w(f"Each kernel launched {startup['launches']} times, the kernels taking turns launch by launch, by one "
      "jupyter_client script (`bench_kernel.py --startup`): the time from starting the kernel process to "
      "`kernel_info` answered, and to the result of `1 + 1` sent as soon as it was. Perceptron ran from the "
      "kernelspec `install/kernelspec.py` writes, with its start-up cache (an AOT cache on JDK 24 and later, an "
      "AppCDS archive before, recorded at install by `install/startup_cache.py`) and with the same command line "
      "minus the cache; the peers ran on the same JDKs as shipped. "
      f"Load average (1 minute) {before[0]:.1f} before and {after[0]:.1f} after, on {startup['cpus']} cores.")
    w("")
    w("| kernel | JDK | start → kernel_info | start → first result (median; each launch) | load average at each launch |")
    w("| --- | --- | --- | --- | --- |")
    failed = []
    for k in startup["kernels"].values():
        if k["failure"] or not k["firstS"]:
            failed.append(k)
            w(f"| {k['title']} | {k['javaFeature']} | not measured (see below) | | |")
            continue
        launches = ", ".join(f"{s:.2f}" for s in k["firstS"])
        loads = ", ".join(f"{v:.1f}" for v in k["load1"])
        w(f"| {k['title']} | {k['javaFeature']} | {median(k['readyS']):.2f} s | "
          f"{median(k['firstS']):.2f} s ({launches}) | {loads} |")
    w("")
    for k in failed:
        w(f"- **{k['title']} was not measured**: {k['failure']}")
    if failed:
        w("")
    profiled = [k for k in startup["kernels"].values() if k.get("cpuByThread") and not k["failure"]]
    if profiled:
        kinds = sorted({kind for k in profiled for launch in k["cpuByThread"] for kind in launch},
                       key=lambda kind: -median([launch.get(kind, 0.0) for k in profiled for launch in k["cpuByThread"]]))
        w("Where Perceptron's CPU time went until the first result: CPU seconds of the kernel process by thread, "
          "read from `/proc/PID/task` as the result arrived (median of the launches). On two idle cores the "
          "threads run side by side; on a busy machine every CPU second counts.")
        w("")
        w("| kernel | total | " + " | ".join(kinds) + " |")
        w("| --- | --- | " + " | ".join("---" for _ in kinds) + " |")
        for k in profiled:
            totals = [sum(launch.values()) for launch in k["cpuByThread"]]
            w(f"| {k['title']} | {median(totals):.2f} s | " + " | ".join(
                f"{median([launch.get(kind, 0.0) for launch in k['cpuByThread']]):.2f} s" for kind in kinds) + " |")
        w("")


def embeddings_section(w, results: Path) -> None:
    """Sentences per second, the DSL's all-MiniLM-L6-v2 against sentence-transformers, by thread count."""
    folder = results / "embeddings"
    runs = {(side, threads): read_json(folder / f"embeddings-{side}-{threads}.json")
            for side in ("dsl", "torch") for threads in (1, 2)}
    failures = [p.read_text().strip() for p in sorted(folder.glob("*-failure.txt"))] if folder.exists() else []
    if not any(runs.values()) and not failures:
        return
    w("## Sentence embeddings")
    w("")
    w("Sentences per second, median of every measured round (after one warm-up round), embedding all-MiniLM-L6-v2 "
      "vectors from the same installed model files: the DSL's `Pretrained.load(\"all-MiniLM-L6-v2\").embed(texts)` "
      "(its own BERT layers on DJL's LibTorch; `dsl/src/test/java/io/perceptron/dsl/bench/EmbeddingBenchmark.java`) "
      "and sentence-transformers' `model.encode(texts, batch_size=32)` on PyTorch (`dsl/src/test/python/bench_embeddings.py`), "
      "same texts, both batching 32 sentences of similar length, on the CPU with 1 and then 2 intra-op threads; the Java "
      "and the Python process take turns. The two give the same vectors to 1e-4 (`PretrainedEncoderTest`).")
    w("")
    for failure in failures:
        w(f"- **Not measured:** {failure}")
    workloads = next((list(r["sentences_per_second"]) for r in runs.values() if r), [])
    torch_version = next((r.get("torch") for (side, _), r in runs.items() if side == "torch" and r), None)
    w("| workload | threads | DSL | sentence-transformers | DSL / sentence-transformers |")
    w("| --- | --- | --- | --- | --- |")
    for workload in workloads:
        for threads in (1, 2):
            dsl = runs[("dsl", threads)]
            torch = runs[("torch", threads)]
            d = median(dsl["sentences_per_second"][workload]) if dsl else float("nan")
            t = median(torch["sentences_per_second"][workload]) if torch else float("nan")
            w(f"| {workload} | {threads} | {d:.1f} /s | {t:.1f} /s | {d / t:.2f} |")
    w("")
    w(f"Short reviews: 256 of notebook 09's (8 to 14 tokens); paragraphs: 32 texts cut at the model's 256-token limit. "
      f"PyTorch {torch_version or '?'} (PyPI) against LibTorch {pom_property('pytorch.version')} under DJL.")
    w("")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--results", type=Path, required=True)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--java", default="java")
    parser.add_argument("--venv", default=str(ROOT / ".venv"))
    parser.add_argument("--bench-venv", default=str(ROOT / ".venv-bench"))
    parser.add_argument("--load-before", default="?")
    parser.add_argument("--setup-seconds", type=int, default=0)
    parser.add_argument("--run-seconds", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--startup-only", action="store_true",
                        help="write only the start-up section, from startup.json (install/bench-kernel.sh --startup)")
    parser.add_argument("--embeddings-only", action="store_true",
                        help="write only the machine and the sentence-embedding section")
    args = parser.parse_args()
    results = args.results
    if args.startup_only:
        return write_startup_only(args)
    kernels = read_json(results / "kernels.json") or {}
    times, names, djl_info, torch_info, training_failures = training_blocks(results)
    profile_dsl = read_json(results / "training" / "profile-dsl.json")
    profile_torch = next((read_json(p) for p in sorted((results / "training").glob("block-*/profile-torch.json"))[-1:]), None)
    install_failures = (results / "install-failures.txt").read_text().strip().splitlines() \
        if (results / "install-failures.txt").exists() else []
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    now = datetime.datetime.now().astimezone()

    out: list[str] = []
    w = out.append
    w("# Benchmarks")
    w("")
    w(f"Measured on {now:%Y-%m-%d} at {now:%H:%M %Z} by `install/bench.sh`{' --quick (a smoke run: few rounds, figures rough)' if args.quick else ''}, "
      f"in {args.run_seconds / 60:.1f} minutes after {args.setup_seconds} s of set-up. Figures from a busy machine "
      "are not comparable with a quiet one's: the load averages (1, 5, 15 minutes) below say how busy it was. "
      "Benchmarks are separate from the tests, which assert no timings.")
    w("")
    w("| machine | |")
    w("| --- | --- |")
    for key, value in machine(args.java):
        w(f"| {key} | {value} |")
    w(f"| load average | {args.load_before} before, {load_after} after |")
    w("")

    if args.embeddings_only:
        embeddings_section(w, results)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text("\n".join(out).rstrip() + "\n")
        print(f"wrote {args.output}")
        return 0

    # ---------------------------------------------------------------- versions
    kernel_info = {name: k.get("info", {}) for name, k in kernels.get("kernels", {}).items()}
    w("| software | version |")
    w("| --- | --- |")
    w(f"| Perceptron | {kernel_info.get('perceptron', {}).get('implementationVersion') or '?'} (this checkout) |")
    w(f"| DJL | {djl_info['djl'] if djl_info else pom_property('djl.version')} |")
    w(f"| LibTorch under DJL | {djl_info['engine'] if djl_info else pom_property('pytorch.version')} (CPU) |")
    w(f"| Kotlin (Perceptron's REPL) | {pom_property('kotlin.version')} |")
    w(f"| Tablesaw | {pom_property('tablesaw.version')} |")
    w(f"| Kotlin Jupyter kernel | {package_version('kotlin-jupyter-kernel')} (PyPI `kotlin-jupyter-kernel`; Kotlin {kernel_info.get('kotlin', {}).get('languageVersion', '?')}) |")
    w(f"| JJava | {package_version('jjava')} (PyPI `jjava`) |")
    w(f"| PyTorch | {torch_info['torch'] if torch_info else package_version('torch')} (PyPI `torch`) |")
    w(f"| jupyter_client | {package_version('jupyter_client')} |")
    w("")
    if install_failures:
        w("**Not installed** (so not measured):")
        w("")
        for line in install_failures:
            requirement, _, why = line.partition("\t")
            w(f"- `{requirement}`: {why.strip()}")
        w("")

    # ---------------------------------------------------------------- goals
    goals: list[tuple[str, str, bool | None]] = []
    ratios = {}
    for key, sides in times.items():
        dsl = median(sides.get("dslMs", []))
        ratios[key] = {"djl": dsl / median(sides["djlBareMs"]) if sides.get("djlBareMs") else None,
                       "djlAccuracy": dsl / median(sides["djlAccuracyMs"]) if sides.get("djlAccuracyMs") else None,
                       "torch": dsl / median(sides["torchMs"]) if sides.get("torchMs") else None}
    for key, r in ratios.items():
        label = "MLP" if key == "mlp" else "CNN"
        if r["djl"] is not None:
            goals.append((f"training, {label}: DSL / DJL Trainer ≤ {GOAL_DSL_DJL}",
                          f"{r['djl']:.2f} (bare Trainer), {r['djlAccuracy']:.2f} (Trainer with accuracy)",
                          r["djl"] <= GOAL_DSL_DJL))
        goals.append((f"training, {label}: DSL / PyTorch ≤ {GOAL_DSL_TORCH}",
                      f"{r['torch']:.2f}" if r["torch"] is not None else "not measured",
                      r["torch"] <= GOAL_DSL_TORCH if r["torch"] is not None else None))
    memory = kernels.get("memory")
    memory_change = None
    if memory and memory["samples"]:
        samples = memory["samples"]
        picks = [samples[0], samples[len(samples) // 2], samples[-1]]
        rss = [s["rssMb"] for s in picks]
        memory_change = (max(rss) - min(rss)) / min(rss)
        goals.append((f"memory: kernel RSS flat within {GOAL_MEMORY_FLAT:.0%} over {memory['epochs']} epochs",
                      f"{rss[0]:.0f} / {rss[1]:.0f} / {rss[2]:.0f} MB (first / middle / last), spread {memory_change:.1%}",
                      memory_change <= GOAL_MEMORY_FLAT))
    startup = kernels.get("startup")
    startup_target = startup_goal(startup)
    if startup_target:
        goals.append(startup_target)
    live = kernels.get("live")
    live_ratio = None
    if live:
        live_ratio = median(live["liveMs"]) / median(live["quietMs"])
        goals.append((f"live display: with / without ≤ {GOAL_LIVE}", f"{live_ratio:.3f}", live_ratio <= GOAL_LIVE))
    w("## Goals (issues 5 and 14)")
    w("")
    w("| goal | measured | |")
    w("| --- | --- | --- |")
    for goal, measured, met in goals:
        w(f"| {goal} | {measured} | {'not measured' if met is None else yes(met)} |")
    w("")
    w("The DSL / DJL goal is judged against the bare Trainer (loss only, no listeners), the stricter of the "
      "two DJL baselines; the DSL also tracks accuracy every batch, as the second baseline does.")
    w("")

    # ---------------------------------------------------------------- kernels
    w("## Kernels")
    w("")
    w(f"One jupyter_client script (`kernel/src/test/python/bench_kernel.py`) drives each kernel the same way: "
      f"{kernels.get('launches', '?')} launches each, timed from starting the process to the result of `1 + 1` sent "
      f"as soon as the kernel answers `kernel_info`; then {kernels.get('runs', '?')} rounds of small cells, a round "
      "trip being the time from sending `execute_request` to receiving both the reply and the idle status. Launches "
      "and rounds take the kernels in turn (and the cells in turn within a round), so that whatever else the machine "
      "does falls on all of them alike. Each cell ran once, unmeasured, before the rounds.")
    w("")
    w("| kernel | start → first result (median; each launch) | empty cell | assignment | println | 100-row table |")
    w("| --- | --- | --- | --- | --- | --- |")
    not_measured = []
    for name, k in kernels.get("kernels", {}).items():
        if k.get("failure"):
            not_measured.append((k["title"], k["failure"]))
            w(f"| {k['title']} | not measured (see below) | | | | |")
            continue
        launches = ", ".join(f"{s:.1f}" for s in k["launchS"])
        cells = []
        for cell in ("empty", "assignment", "println", "table"):
            ms = k["cellsMs"].get(cell, [])
            cells.append(f"{median(ms):.0f} / {percentile(ms, 95):.0f} ms" if ms else "—")
        w(f"| {k['title']} | {median(k['launchS']):.1f} s ({launches}) | " + " | ".join(cells) + " |")
    w("")
    w("Cells show median / 95th percentile. What each kernel ran:")
    w("")
    for name, k in kernels.get("kernels", {}).items():
        cells = "; ".join(f"{cell}: `{code}`" for cell, code in k["cells"].items() if code)
        w(f"- **{k['title']}** (kernelspec `{k['kernelspec']}`): {cells}. The table is {k['tableNote']}.")
    w("- All of them run on the JDK in the table above. Perceptron's kernelspecs set `-Xms256m -Xmx4g`; the peers "
      "start as their PyPI packages ship them: the Kotlin kernel's launcher starts its JVM with a JDWP debugging "
      "agent listening (its `debuggerPort: generate` setting) and logs at DEBUG level to its stderr; JJava starts "
      "with no options. Their kernelspecs live in `.venv-bench` only.")
    w("")
    for title, failure in not_measured:
        w(f"**{title} was not measured.** Why:")
        w("")
        w("```")
        w(failure)
        w("```")
        w("")

    if startup:
        startup_section(w, startup)
    cell_memory_section(w, results)

    # ---------------------------------------------------------------- training
    w("## Training")
    w("")
    if times:
        rounds = djl_info["rounds"] if djl_info else "?"
        w(f"Milliseconds per epoch, median of every measured epoch (blocks of {rounds} after "
          f"{djl_info['warmupRounds'] if djl_info else '?'} warm-up epochs, the Java and the PyTorch process "
          f"taking turns block by block; in the Java process the DSL and the two DJL runs also take turns). "
          f"Every side uses {args.threads} intra-op thread{'' if args.threads == 1 else 's'} (what the DSL picks for models this small, "
          "`Fit.SMALL_BATCH_ACTIVATIONS`), Adam at 0.001, softmax cross-entropy, batches of 64 reshuffled every "
          "epoch, and the same points and images: the Java benchmark writes the data it trains on and PyTorch "
          "reads it.")
        w("")
        w("| one epoch | DSL | DJL Trainer, bare | DJL Trainer, with accuracy | PyTorch | DSL / DJL (bare) | DSL / PyTorch |")
        w("| --- | --- | --- | --- | --- | --- | --- |")
        for key, sides in times.items():
            r = ratios[key]

            def cell(side: str) -> str:
                values = sides.get(side, [])
                return f"{median(values) / 1000:.3f} s" if values else "—"
            w(f"| {names.get(key, key)} | {cell('dslMs')} | {cell('djlBareMs')} | {cell('djlAccuracyMs')} | "
              f"{cell('torchMs')} | {r['djl']:.2f} | " + (f"{r['torch']:.2f}" if r["torch"] is not None else "—") + " |")
        w("")
        w("- DSL: `model.fit(data).label(\"label\").epochs(1).batchSize(64).threads(1).quiet().train()` on the same "
          "model each time (`dsl/src/test/java/io/perceptron/dsl/bench/TrainingBenchmark.java`).")
        w("- DJL: the same layers as a `SequentialBlock` on one `Trainer`, `EasyTrain.fit(trainer, 1, dataset, null)` "
          "per epoch over an `ArrayDataset`; \"with accuracy\" adds an `Accuracy` evaluator and DJL's basic listeners.")
        w("- PyTorch: `dsl/src/test/python/bench_torch.py`, `nn.Sequential` with the same layers, the usual loop "
          "over shuffled index slices (no `DataLoader`), `loss.item()` and the accuracy count every batch as the DSL "
          "does. It runs from `.venv-bench` (CPU; PyPI's wheel is built with CUDA but none is used).")
        w("- The CNN: conv 8×3×3, ReLU, max-pool 2, conv 16×3×3, ReLU, max-pool 2, dense 32, ReLU, dense 2, "
          "on 2000 generated 28×28 images (`Datasets.dogsVsConesImages(2000, 28, 7)`).")
    if training_failures:
        w("")
        for failure in training_failures:
            w(f"- **Failed**: {failure}")
    w("")

    # ---------------------------------------------------------------- memory
    w("## Memory")
    w("")
    if memory and memory["samples"]:
        samples = memory["samples"]
        w(f"Resident memory (VmRSS from `/proc/PID/status`) of the Perceptron kernel process, read by the client "
          f"each time an epoch's line arrived, while one cell trained the README's moons example (1000 points, "
          f"2-16-16-2, Adam 0.01, 20% validation) for {memory['epochs']} epochs with its live plot "
          f"({memory['displayMessages']} display messages). Before the cell: {memory['beforeMb']:.0f} MB.")
        w("")
        w("| epoch | VmRSS | of which Java heap (resident) | outside the heap | JVM heap committed |")
        w("| --- | --- | --- | --- | --- |")
        shown = {samples[0]["epoch"], samples[len(samples) // 4]["epoch"], samples[len(samples) // 2]["epoch"],
                 samples[3 * len(samples) // 4]["epoch"], samples[-1]["epoch"]}
        for s in samples:
            if s["epoch"] in shown:
                heap = s.get("heapResidentMb") if s.get("heapResidentMb") is not None else float("nan")
                w(f"| {s['epoch']} | {s['rssMb']:.0f} MB | {heap:.0f} MB | {s['rssMb'] - heap:.0f} MB | {s['heapMb']:.0f} MB |")
        w("")
        first, last = samples[0], samples[-1]
        if first.get("heapResidentMb") is not None:
            growth = last["rssMb"] - first["rssMb"]
            heap_growth = last["heapResidentMb"] - first["heapResidentMb"]
            w(f"From the first epoch to the last, resident memory grew {growth:+.0f} MB: {heap_growth:+.0f} MB in the "
              f"Java heap and {growth - heap_growth:+.0f} MB outside it (native memory: LibTorch's tensors, "
              "thread stacks, JIT-compiled code, class metadata). The heap's share is the resident memory of the "
              "mappings in `/proc/PID/smaps` inside the heap's address range (from `jcmd PID GC.heap_info`): heap pages become resident "
              "the first time the collector hands them out, so a heap that was committed but not yet touched "
              "grows resident memory without any leak.")
            w("")
        w(f"First, middle and last differ by {memory_change:.1%} at most (goal: within {GOAL_MEMORY_FLAT:.0%}). "
          "`dsl/.../bench/MemoryCheck.java` also counts the open NDArrays after every epoch, in one JVM without a kernel.")
    elif kernels.get("trainingFailure"):
        w(f"Not measured: {kernels['trainingFailure']}")
    w("")

    # ---------------------------------------------------------------- live display
    w("## Live display")
    w("")
    if live:
        w(f"Through the kernel (not the in-process `LiveDisplayBenchmark`): cells alternating between training the "
          f"moons MLP (2-64-64-2, 10k points, batch 64) for {live['epochs']} epochs with the live plot and progress "
          f"bar a notebook shows (`.train()`), and without (`.quiet().train()`), a fresh model each time; the cell "
          f"times `train()` itself. {live['warmupRounds']} warm-up rounds, then {live['rounds']} measured.")
        w("")
        w("| | median | runs |")
        w("| --- | --- | --- |")
        w(f"| with live plot | {median(live['liveMs']) / 1000:.3f} s | {', '.join(f'{v / 1000:.2f}' for v in live['liveMs'])} |")
        w(f"| without | {median(live['quietMs']) / 1000:.3f} s | {', '.join(f'{v / 1000:.2f}' for v in live['quietMs'])} |")
        w("")
        w(f"Ratio {live_ratio:.3f} (goal ≤ {GOAL_LIVE}); {median(live['displayMessagesPerRun']):.0f} display "
          "messages per run with the plot.")
    w("")

    # ---------------------------------------------------------------- image folders (install/bench-images.sh)
    images = args.results / "images.md"
    if images.exists():
        out.extend(images.read_text().rstrip().split("\n"))
        w("")

    embeddings_section(w, results)

    # ---------------------------------------------------------------- causes
    missed = [goal for goal, _, met in goals if met is False]
    w("## Where Perceptron is behind, and why")
    w("")
    if not missed:
        w("Every goal measured is met.")
        w("")
    else:
        w("Missed: " + "; ".join(missed) + ".")
        w("")
    if profile_dsl and djl_info and torch_info:
        w(f"The DSL and DJL call {djl_info['engine']} (LibTorch, through JNI); PyTorch here is {torch_info['torch']}. "
          "The forward and backward operations are therefore different builds of PyTorch's native kernels on the "
          "two sides: a gap inside one operation (a convolution, a pooling, its gradient) comes from that build, "
          "not from the DSL; a gap spread over many small operations is per-call overhead (JNI, NDArray bookkeeping).")
        w("")
    for key, label in (("mlp", "MLP"), ("cnn", "CNN")):
        dsl_profile = (profile_dsl or {}).get(key)
        torch_profile = (profile_torch or {}).get(key)
        if dsl_profile:
            profile_section(w, label, dsl_profile, torch_profile)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(out).rstrip() + "\n")
    print(f"wrote {args.output}")
    return 0


def cell_memory_section(w, results: Path) -> None:
    """Heap after a full GC as small cells accumulate, from install/bench-kernel.sh --memory (if it ran)."""
    measured = [m for name in ("perceptron", "kotlin")
                for m in (read_json(results / f"memory-{name}.json") or {}).get("kernels", {}).values()]
    if not measured:
        return
    w("## Memory per cell")
    w("")
    w("Heap in use right after a full GC (`jcmd PID GC.run`, then `GC.heap_info`) after the first cell and after "
      "every 100 small cells, each defining a value and a function (`val value7 = 7` and "
      "`fun function7(x: Int) = x + value7`), every kernel in a fresh process (`install/bench-kernel.sh --memory "
      "--peers`, file `build/bench/memory-*.json`).")
    w("")
    w("| kernel | heap after GC, by cells run | MB per 100 cells |")
    w("| --- | --- | --- |")
    for m in measured:
        if m.get("failure"):
            w(f"| {m['title']} | not measured: {m['failure'].splitlines()[0]} | |")
        else:
            heap = ", ".join(f"{s['cells']}: {s['heapMb']:.0f} MB" for s in m["samples"])
            w(f"| {m['title']} | {heap} | {m['mbPer100Cells']:.1f} |")
    w("")


def write_startup_only(args: argparse.Namespace) -> int:
    """The start-up section alone, with the machine it ran on, for install/bench-kernel.sh --startup."""
    startup = (read_json(args.results / "startup.json") or {}).get("startup")
    if not startup:
        raise SystemExit(f"no start-up figures in {args.results / 'startup.json'}: run install/bench-kernel.sh --startup")
    now = datetime.datetime.now().astimezone()
    out: list[str] = []
    w = out.append
    w(f"Measured on {now:%Y-%m-%d} at {now:%H:%M %Z} by `install/bench-kernel.sh --startup"
      f"{' --peers' if any(k['cache'] is None for k in startup['kernels'].values()) else ''}`.")
    w("")
    w("| machine | |")
    w("| --- | --- |")
    for key, value in machine(args.java):
        w(f"| {key} | {value} |")
    w("")
    startup_section(w, startup)
    goal = startup_goal(startup)
    if goal:
        w(f"Goal: {goal[0]}: {goal[1]}, {'not measured' if goal[2] is None else yes(goal[2])}.")
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text("\n".join(out).rstrip() + "\n")
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
