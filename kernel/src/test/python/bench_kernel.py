"""Benchmark (not a test): Perceptron and its peer JVM kernels, driven the same way through jupyter_client.

    install/bench-kernel.sh [--runs 50]                    Perceptron alone, printed
    install/bench-kernel.sh --startup [--launches 5] [--peers]
                                                            start-up on two JDKs, with and without the cache
    install/bench-kernel.sh --java [--runs 30] [--launches 5]   Perceptron (Java) beside JJava
    install/bench.sh                                        everything, into BENCHMARKS.md (this script is one part)
    python bench_kernel.py --kernels perceptron,perceptron-java,kotlin,java --runs 30 --launches 3 --json out.json
                           [--memory-epochs 200] [--live-rounds 7]
                           [--startup FOLDER --startup-launches 5 --startup-peers kotlin,java]

Latency, for every kernel named: the time from starting the kernel process to the result of its
first cell, over several launches, and the round trip (execute_request sent -> execute_reply and
idle status received) of three small cells, each written in the kernel's own language: an
assignment, a println and the rendering of a 100-row table. Launches and rounds go from kernel to
kernel in turn, so that whatever else the machine does hits every kernel alike.

Start-up, when asked (--startup FOLDER): the same launch timed for the Perceptron kernelspecs in
FOLDER (install/bench-kernel.sh --startup writes one per JDK, with and without the start-up cache)
and, with --startup-peers, for the peers on each of those JDKs, all interleaved: start -> kernel_info
answered -> first result, with the load average at each launch.

Perceptron alone, when asked: the resident memory (VmRSS of the kernel process, read from /proc,
and how much of it lies in the Java heap, from /proc/PID/smaps and the heap's range that jcmd
reports) at every epoch while a cell trains the README's moons example for 200 epochs, and the training
time of the moons MLP with and without the live plot, cells alternating.

A kernel that cannot be started is reported with the reason (its last lines of output), and the
rest still runs.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
from perceptron_client import Kernel, KernelManager, KernelSpec

STARTUP_TIMEOUT_S = 180


@dataclass(frozen=True)
class Peer:
    """A kernel under test: its kernelspec, what it is, and the small cells in its own language."""

    name: str
    kernelspec: str
    title: str
    # Run once after start, in order: define what the measured cells use.
    setup: tuple[str, ...]
    cells: dict[str, str]
    table_note: str


TABLESAW = "tech.tablesaw:tablesaw-core:0.44.4"
# The peers have no renderer for Tablesaw tables; each gets one in its own idiom, writing the same
# HTML as Perceptron's (a header, the first and last 10 rows of a long table), so that the table
# cell is the same bare `benchTable` everywhere.
KOTLIN_TABLE_RENDERER = """
fun tableHtml(t: Table): String {
    val html = StringBuilder("<table><thead><tr>")
    for (name in t.columnNames()) html.append("<th>").append(name).append("</th>")
    html.append("</tr></thead><tbody>")
    for (r in 0 until t.rowCount()) {
        if (r >= 10 && r < t.rowCount() - 10) continue
        html.append("<tr>")
        for (c in 0 until t.columnCount()) html.append("<td>").append(t.getString(r, c)).append("</td>")
        html.append("</tr>")
    }
    return html.append("</tbody></table>").toString()
}
USE { render<Table> { HTML(tableHtml(it)) } }
"""
JAVA_TABLE_RENDERER = """
String tableHtml(tech.tablesaw.api.Table t) {
    var html = new StringBuilder("<table><thead><tr>");
    for (var name : t.columnNames()) html.append("<th>").append(name).append("</th>");
    html.append("</tr></thead><tbody>");
    for (int r = 0; r < t.rowCount(); r++) {
        if (r >= 10 && r < t.rowCount() - 10) continue;
        html.append("<tr>");
        for (int c = 0; c < t.columnCount(); c++) html.append("<td>").append(t.getString(r, c)).append("</td>");
        html.append("</tr>");
    }
    return html.append("</tbody></table>").toString();
}
org.dflib.jjava.kernel.JavaNotebookStatics.kernel().getRenderer()
    .createRegistration(tech.tablesaw.api.Table.class).preferring("text/html")
    .register((t, context) -> context.renderIfRequested(
        org.dflib.jjava.jupyter.kernel.display.mime.MIMEType.TEXT_HTML, () -> tableHtml(t)));
"""

PEERS = {
    "perceptron": Peer(
        "perceptron", "perceptron", "Perceptron",
        ('val benchTable = Table.create("t", IntColumn.create("a", *IntArray(100) { it }))',),
        {"empty": "",
         "assignment": "val benchX = 1",
         "println": 'println("hi")',
         "table": "benchTable"},
        "a Tablesaw `Table` as the cell's value, drawn by the kernel's own renderer (HTML of the first "
        "and last 10 rows, and plain text)"),
    "perceptron-java": Peer(
        "perceptron-java", "perceptron-java", "Perceptron (Java)",
        ('var benchTable = Table.create("t", IntColumn.create("a", IntStream.range(0, 100).toArray()));',),
        {"empty": "",
         "assignment": "var benchX = 1;",
         "println": 'System.out.println("hi");',
         "table": "benchTable"},
        "a Tablesaw `Table` as the cell's value, drawn by the kernel's own renderer, as for Kotlin cells"),
    "kotlin": Peer(
        "kotlin", "kotlin", "Kotlin Jupyter kernel",
        # Tablesaw from the local Maven repository (~/.m2), where the project's build put it: no network.
        (f'@file:Repository("*mavenLocal")\n@file:DependsOn("{TABLESAW}")',
         "import tech.tablesaw.api.*\n" + KOTLIN_TABLE_RENDERER,
         'val benchTable = Table.create("t", IntColumn.create("a", *IntArray(100) { it }))'),
        {"empty": "",
         "assignment": "val benchX = 1",
         "println": 'println("hi")',
         "table": "benchTable"},
        "the same Tablesaw `Table` (loaded with `@file:DependsOn` from the local Maven repository), drawn "
        "by a renderer registered with `USE { render<Table> { HTML(...) } }` that writes the same HTML"),
    "java": Peer(
        "java", "java", "JJava",
        (f"%maven {TABLESAW}",
         JAVA_TABLE_RENDERER,
         'var benchTable = tech.tablesaw.api.Table.create("t", '
         'tech.tablesaw.api.IntColumn.create("a", java.util.stream.IntStream.range(0, 100).toArray()));'),
        {"empty": "",
         "assignment": "var benchX = 1;",
         "println": 'System.out.println("hi");',
         "table": "benchTable"},
        "the same Tablesaw `Table` (loaded with `%maven` from the local Maven repository), drawn by a "
        "renderer registered on the kernel's `Renderer` that writes the same HTML"),
}

# The README's moons example (1000 points, 2-16-16-2, Adam 0.01, 20% validation) trained for
# 200 epochs with the live plot a notebook shows; every epoch prints a line the client times.
MEMORY_CELL = """
val memoryData = Datasets.moons(1000, 0.2, 42)
val memoryModel = Model.sequential().input(2).dense(16).relu().dense(16).relu().dense(2)
memoryModel.fit(memoryData).features("x1", "x2").label("label")
    .optimizer(Optimizer.adam(0.01)).epochs(%d).validationSplit(0.2).seed(42)
    .onEpochEnd { println("epoch " + it.epoch() + " heap " + Runtime.getRuntime().totalMemory()) }
    .train()
Unit
"""

# The moons MLP (2-64-64-2, 10k points, batch 64): one cell trains a fresh model and gives
# the milliseconds train() took; {quiet} is "" (live plot and progress bar) or ".quiet()".
LIVE_SETUP = "val liveData = Datasets.moons(10_000, 0.2, 42)"
LIVE_CELL = """
val liveModel = Model.sequential().input(2).dense(64).relu().dense(64).relu().dense(2)
val liveStart = System.nanoTime()
liveModel.fit(liveData).label("label").epochs({epochs}).batchSize(64).seed(42){quiet}.train()
val liveMs = (System.nanoTime() - liveStart) / 1e6
liveModel.close()
liveMs
"""


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def rotated(items: list, by: int) -> list:
    by %= len(items)
    return items[by:] + items[:by]


@dataclass
class Running:
    """A peer under test: its launches, its live kernel and what it measured, or why it failed."""

    peer: Peer
    log: Path
    kernel: Kernel | None = None
    launches_s: list[float] = field(default_factory=list)
    ready_s: list[float] = field(default_factory=list)
    cells_ms: dict[str, list[float]] = field(default_factory=dict)
    info: dict = field(default_factory=dict)
    failure: str | None = None

    def fail(self, stage: str, error: BaseException) -> None:
        tail = ""
        if self.log.exists():
            lines = [line for line in self.log.read_text(errors="replace").splitlines() if line.strip()]
            tail = "\n".join(lines[-8:])
        self.failure = f"{stage}: {type(error).__name__}: {error}" + (f"\nkernel output:\n{tail}" if tail else "")
        print(f"  {self.peer.title}: FAILED at {stage}: {error}", file=sys.stderr)
        self.stop()

    def stop(self) -> None:
        if self.kernel is not None:
            try:
                self.kernel.shutdown()
            except Exception:  # noqa: BLE001  (a kernel that already died cannot be shut down cleanly)
                self.kernel.manager.kill_kernel()
            self.kernel = None

    def result(self) -> dict:
        return {"title": self.peer.title, "kernelspec": self.peer.kernelspec, "failure": self.failure,
                "info": self.info, "launchS": self.launches_s, "readyS": self.ready_s, "cellsMs": self.cells_ms,
                "cells": self.peer.cells, "tableNote": self.peer.table_note}


def launch(run: Running) -> None:
    """Starts the kernel and times start -> kernel_info answered -> first result ("1 + 1")."""
    with run.log.open("a") as log:
        started = time.monotonic()
        manager = KernelManager(kernel_name=run.peer.kernelspec)
        manager.start_kernel(stdout=log, stderr=log)
        run.kernel = Kernel(manager)
    ready = time.monotonic()
    first = run.kernel.execute("1 + 1", timeout=STARTUP_TIMEOUT_S)
    done = time.monotonic()
    if first.status != "ok" or first.result() != "2":
        raise RuntimeError(f"the first cell `1 + 1` gave {first.reply['content']}")
    run.ready_s.append(ready - started)
    run.launches_s.append(done - started)
    if not run.info:
        reply = run.kernel.request("kernel_info").reply["content"]
        run.info = {"implementation": reply.get("implementation"),
                    "implementationVersion": reply.get("implementation_version"),
                    "language": reply.get("language_info", {}).get("name"),
                    "languageVersion": reply.get("language_info", {}).get("version"),
                    "banner": (reply.get("banner") or "").strip()[:300]}


def measure_latency(names: list[str], runs: int, launches: int, logs: Path) -> dict[str, Running]:
    available = KernelSpecManager().find_kernel_specs()
    running = {name: Running(PEERS[name], logs / f"kernel-{name}.log") for name in names}
    for run in running.values():
        run.log.unlink(missing_ok=True)
        if run.peer.kernelspec not in available:
            run.failure = (f"no kernelspec '{run.peer.kernelspec}' is installed (Jupyter looked in "
                           f"{', '.join(KernelSpecManager().kernel_dirs)})")
    print(f"launch -> first result, {launches} launches per kernel")
    for round_ in range(launches):
        for run in rotated([r for r in running.values() if r.failure is None], round_):
            try:
                launch(run)
                print(f"  {run.peer.title:<24} {run.launches_s[-1]:6.2f} s")
            except (Exception, NoSuchKernel) as error:  # noqa: BLE001  (any failure of a peer is reported, not fatal)
                run.fail(f"launch {round_ + 1}", error)
                continue
            if round_ < launches - 1:
                run.stop()
    live = [r for r in running.values() if r.failure is None]
    for run in live:
        try:
            for code in run.peer.setup:
                setup = run.kernel.execute(code, timeout=STARTUP_TIMEOUT_S)
                if setup.status != "ok":
                    content = setup.reply["content"]
                    raise RuntimeError(f"the set-up cell failed: {content.get('ename')}: {content.get('evalue')}")
            for name, cell in run.peer.cells.items():  # each cell once, unmeasured, as every kernel's warm-up
                exchange = run.kernel.execute(cell)
                check(exchange)
                html = exchange.result("text/html") if name == "table" else None
                if name == "table" and "<td>99</td>" not in (html or ""):
                    raise RuntimeError(f"the table cell gave no HTML table: {[a.msg['content'] for a in exchange.iopub]}")
        except Exception as error:  # noqa: BLE001
            run.fail("set-up cell", error)
    live = [r for r in live if r.failure is None]
    print(f"round trips, {runs} rounds, kernels and cells in turn")
    for round_ in range(runs):
        for run in rotated(live, round_):
            if run.failure is not None:
                continue
            try:
                for name, code in rotated(list(run.peer.cells.items()), round_):
                    sent = time.monotonic()
                    check(run.kernel.execute(code))
                    run.cells_ms.setdefault(name, []).append((time.monotonic() - sent) * 1000)
            except Exception as error:  # noqa: BLE001
                run.fail(f"round trip {round_ + 1}", error)
    for run in running.values():
        run.stop()
        if run.failure is None:
            summary = ", ".join(f"{name} {statistics.median(ms):.1f}/{percentile(ms, 95):.1f}"
                                for name, ms in run.cells_ms.items())
            print(f"  {run.peer.title:<24} median/p95 ms: {summary}")
    return running


@dataclass
class StartupVariant:
    """One kernel to launch in the start-up benchmark: a kernelspec, the JDK it runs on, with or without a cache."""

    key: str
    title: str
    spec: KernelSpec
    java: str
    java_feature: int
    cache: bool | None  # None: a peer (it has no start-up cache of its own)
    env: dict[str, str] = field(default_factory=dict)
    ready_s: list[float] = field(default_factory=list)
    first_s: list[float] = field(default_factory=list)
    load: list[float] = field(default_factory=list)
    # Perceptron only: CPU seconds each kind of thread had used when the first result arrived, per launch.
    cpu_by_thread: list[dict[str, float]] = field(default_factory=list)
    failure: str | None = None

    def result(self) -> dict:
        return {"title": self.title, "kernelspec": self.spec.name, "java": self.java, "javaFeature": self.java_feature,
                "cache": self.cache, "readyS": self.ready_s, "firstS": self.first_s, "load1": self.load,
                "cpuByThread": self.cpu_by_thread, "failure": self.failure}


# Thread names, as Linux shortens them to 15 characters, and the part of the kernel they stand for.
THREAD_KINDS = (("perceptron-kotl", "Kotlin compiler"), ("C2 CompilerThre", "JIT, C2"), ("C1 CompilerThre", "JIT, C1"),
                ("java", "main (JVM start, sockets, set-up)"), ("GC ", "garbage collector"), ("G1 ", "garbage collector"))


def cpu_by_thread(pid: int) -> dict[str, float]:
    """CPU seconds (user + system) of every thread of process ``pid`` so far, summed by THREAD_KINDS."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds: dict[str, float] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            stat = (task / "stat").read_text()
        except OSError:
            continue  # the thread ended meanwhile
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        kind = next((kind for prefix, kind in THREAD_KINDS if name == prefix or name.startswith(prefix)), "other")
        seconds[kind] = seconds.get(kind, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return seconds


def startup_variants(folder: Path, peers: list[str]) -> list[StartupVariant]:
    """The Perceptron kernelspecs in ``folder`` and, for each of their JDKs, the peers on that JDK."""
    variants, jdks = [], {}
    for spec_file in sorted(folder.glob("*/kernel.json")):
        meta = json.loads(spec_file.read_text())["metadata"]["perceptron"]
        cache = meta["startupCache"] is not None
        spec = KernelSpec(spec_file.parent.name, folder, meta["javaFeature"])
        variants.append(StartupVariant(spec.name, f"Perceptron, JDK {meta['javaFeature']}, "
                                       + ("start-up cache" if cache else "no cache"),
                                       spec, meta["java"], meta["javaFeature"], cache))
        jdks[meta["javaFeature"]] = meta["java"]
    for name in peers:
        for feature, java in sorted(jdks.items()):
            # The Kotlin kernel's launcher takes its java from KOTLIN_JUPYTER_JAVA_EXECUTABLE, JJava's
            # kernelspec runs the `java` on PATH.
            bin_dir = str(Path(java).parent)
            env = {**os.environ, "KOTLIN_JUPYTER_JAVA_EXECUTABLE": java, "JAVA_HOME": str(Path(java).parent.parent),
                   "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
            variants.append(StartupVariant(f"{name}-jdk{feature}", f"{PEERS[name].title}, JDK {feature}",
                                           KernelSpec(PEERS[name].kernelspec, None, feature), java, feature, None, env))
    return variants


def measure_startup(variants: list[StartupVariant], launches: int, logs: Path) -> dict:
    """Launches every variant ``launches`` times, in turn: start -> kernel_info -> first ``1 + 1`` result."""
    print(f"start-up: {len(variants)} kernels, {launches} launches each, in turn")
    load_before = os.getloadavg()
    for round_ in range(launches):
        for variant in rotated([v for v in variants if v.failure is None], round_):
            log = logs / f"startup-{variant.key}.log"
            kernel = None
            try:
                with log.open("a") as output:
                    started = time.monotonic()
                    manager = variant.spec.manager()
                    manager.start_kernel(stdout=output, stderr=output, **({"env": variant.env} if variant.env else {}))
                    kernel = Kernel(manager, variant.java_feature)
                ready = time.monotonic()
                first = kernel.execute("1 + 1", timeout=STARTUP_TIMEOUT_S)
                done = time.monotonic()
                if variant.cache is not None:
                    variant.cpu_by_thread.append(cpu_by_thread(kernel_pid(kernel)))
                if first.status != "ok" or first.result() != "2":
                    raise RuntimeError(f"the first cell `1 + 1` gave {first.reply['content']}")
                variant.ready_s.append(ready - started)
                variant.first_s.append(done - started)
                variant.load.append(os.getloadavg()[0])
                print(f"  {variant.title:<44} ready {ready - started:5.2f} s, first result {done - started:5.2f} s"
                      f"  (load {variant.load[-1]:.1f})", flush=True)
            except Exception as error:  # noqa: BLE001  (a kernel that fails is reported, the others go on)
                variant.failure = f"launch {round_ + 1}: {type(error).__name__}: {error} (log: {log})"
                print(f"  {variant.title}: FAILED: {variant.failure}", file=sys.stderr)
            finally:
                if kernel is not None:
                    try:
                        kernel.shutdown()
                    except Exception:  # noqa: BLE001  (a kernel that already died cannot be shut down cleanly)
                        kernel.manager.kill_kernel()
    return {"launches": launches, "loadBefore": load_before, "loadAfter": os.getloadavg(),
            "cpus": os.cpu_count(), "kernels": {v.key: v.result() for v in variants}}


def print_startup(startup: dict) -> None:
    print(f"\nstart -> first result, median of {startup['launches']} launches; load average "
          f"{startup['loadBefore'][0]:.1f} before, {startup['loadAfter'][0]:.1f} after, on {startup['cpus']} cores")
    for result in startup["kernels"].values():
        if result["failure"]:
            print(f"  {result['title']:<44} not measured: {result['failure']}")
        else:
            print(f"  {result['title']:<44} ready {statistics.median(result['readyS']):5.2f} s, "
                  f"first result {statistics.median(result['firstS']):5.2f} s  "
                  f"({', '.join(f'{s:.2f}' for s in result['firstS'])})")


def check(cell) -> None:
    if cell.status != "ok":
        content = cell.reply["content"]
        raise RuntimeError(f"cell failed: {content.get('ename')}: {content.get('evalue')}")


def kernel_pid(kernel: Kernel) -> int:
    return kernel.manager.provisioner.pid


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS in /proc/{pid}/status")


def heap_range(kernel: Kernel, pid: int) -> tuple[int, int] | None:
    """The Java heap's address range, as the JVM itself reports it (`jcmd PID GC.heap_info`)."""
    jcmd = Path(kernel.manager.kernel_spec.argv[0]).with_name("jcmd")
    try:
        info = subprocess.run([str(jcmd), str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"\[(0x[0-9a-f]+), (0x[0-9a-f]+)\)", info)
    return (int(match.group(1), 16), int(match.group(2), 16)) if match else None


def heap_resident_mb(pid: int, heap: tuple[int, int] | None) -> float | None:
    """Resident memory inside the heap's address range: every mapping of it in /proc/PID/smaps."""
    if heap is None:
        return None
    resident_kb, inside = 0, False
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        first = line.split(" ", 1)[0]
        if "-" in first and ":" not in first:  # a mapping's header: start-end perms offset ...
            start, end = (int(part, 16) for part in first.split("-"))
            inside = start >= heap[0] and end <= heap[1]
        elif inside and line.startswith("Rss:"):
            resident_kb += int(line.split()[1])
    return resident_kb / 1024


def measure_memory(kernel: Kernel, epochs: int) -> dict:
    """Trains for ``epochs`` epochs and reads the kernel process's VmRSS as each epoch's line arrives."""
    pid = kernel_pid(kernel)
    before = resident_mb(pid)
    heap = heap_range(kernel, pid)
    exchange = kernel.submit(MEMORY_CELL % epochs)
    samples: list[dict] = []
    seen = 0
    deadline = time.monotonic() + 600
    while exchange.reply is None or not exchange.idle:
        if time.monotonic() > deadline:
            raise TimeoutError("the memory cell did not finish within 600 s")
        kernel._drain()
        text = exchange.stream()
        complete = text.rfind("\n") + 1  # whole lines only: a line may arrive in pieces
        for match in re.finditer(r"epoch (\d+) heap (\d+)", text[seen:complete]):
            samples.append({"epoch": int(match.group(1)), "rssMb": resident_mb(pid),
                            "heapResidentMb": heap_resident_mb(pid, heap), "heapMb": int(match.group(2)) / 1048576})
        seen = max(seen, complete)
    kernel.pending.pop(exchange.msg_id, None)
    check(exchange)
    displays = len(exchange.of_type("display_data")) + len(exchange.of_type("update_display_data"))
    print(f"memory: {len(samples)} epochs, VmRSS " + ", ".join(
        f"epoch {s['epoch']} {s['rssMb']:.0f} MB" for s in samples if s["epoch"] in (1, epochs // 2, epochs)))
    return {"epochs": epochs, "beforeMb": before, "samples": samples, "afterMb": resident_mb(pid),
            "displayMessages": displays, "cell": MEMORY_CELL % epochs}


def measure_live(kernel: Kernel, rounds: int, epochs: int, warmup: int = 2) -> dict:
    check(kernel.execute(LIVE_SETUP))
    times: dict[str, list[float]] = {"live": [], "quiet": []}
    messages: list[int] = []
    for round_ in range(warmup + rounds):
        for slot in range(2):
            mode = "live" if (round_ + slot) % 2 == 0 else "quiet"
            cell = kernel.execute(LIVE_CELL.format(epochs=epochs, quiet="" if mode == "live" else ".quiet()"),
                                  timeout=300)
            check(cell)
            if round_ >= warmup:
                times[mode].append(float(cell.result()))
                if mode == "live":
                    messages.append(len(cell.of_type("display_data")) + len(cell.of_type("update_display_data")))
    ratio = statistics.median(times["live"]) / statistics.median(times["quiet"])
    print(f"live display: with {statistics.median(times['live']):.0f} ms, without "
          f"{statistics.median(times['quiet']):.0f} ms, ratio {ratio:.3f}")
    return {"epochs": epochs, "warmupRounds": warmup, "rounds": rounds, "liveMs": times["live"],
            "quietMs": times["quiet"], "displayMessagesPerRun": messages,
            "cell": LIVE_CELL.format(epochs=epochs, quiet="{quiet}")}


# Java cells that each declare a variable and a method, as a long notebook does; JShell keeps every
# declaration, and the question is whether a cell's round trip grows with how many came before.
GROWTH_CELL = "var grown{i} = {i};\nint grownTwice{i}() {{ return 2 * grown{i}; }}"
GROWTH_KERNELS = ("perceptron-java", "java")
GROWTH_WINDOW = 50


def measure_growth(names: list[str], cells: int, logs: Path) -> dict:
    """Round trips of ``cells`` declaring cells run one after another in each Java kernel, kernels in turn
    by blocks of GROWTH_WINDOW cells; the medians of the first and the last GROWTH_WINDOW say how a
    cell's cost grows with the session."""
    running = {name: Running(PEERS[name], logs / f"kernel-{name}-growth.log") for name in names if name in GROWTH_KERNELS}
    for run in running.values():
        run.log.unlink(missing_ok=True)
        try:
            launch(run)
            for code in run.peer.setup:
                run.kernel.execute(code, timeout=STARTUP_TIMEOUT_S)
        except Exception as error:  # noqa: BLE001
            run.fail("launch", error)
    times: dict[str, list[float]] = {name: [] for name in running}
    for block in range(0, cells, GROWTH_WINDOW):
        for name, run in running.items():
            if run.failure is not None:
                continue
            try:
                for i in range(block, min(block + GROWTH_WINDOW, cells)):
                    sent = time.monotonic()
                    check(run.kernel.execute(GROWTH_CELL.format(i=i)))
                    times[name].append((time.monotonic() - sent) * 1000)
            except Exception as error:  # noqa: BLE001
                run.fail(f"growth cell {len(times[name]) + 1}", error)
    result = {}
    for name, run in running.items():
        run.stop()
        ms = times[name]
        if run.failure is None and len(ms) >= 2 * GROWTH_WINDOW:
            first, last = statistics.median(ms[:GROWTH_WINDOW]), statistics.median(ms[-GROWTH_WINDOW:])
            result[name] = {"title": run.peer.title, "cells": len(ms), "firstMedianMs": first, "lastMedianMs": last,
                            "ms": ms}
            print(f"  {run.peer.title:<24} cells 1-{GROWTH_WINDOW}: {first:.1f} ms, "
                  f"cells {len(ms) - GROWTH_WINDOW + 1}-{len(ms)}: {last:.1f} ms (medians)")
        else:
            result[name] = {"title": run.peer.title, "failure": run.failure or "too few cells"}
            print(f"  {run.peer.title:<24} not measured: {result[name]['failure']}")
    return result


def print_plain(running: dict[str, Running]) -> None:
    """The short report bench-kernel.sh prints."""
    for run in running.values():
        print(f"\n{run.peer.title}")
        if run.failure:
            print(f"  not measured: {run.failure}")
            continue
        print(f"  start -> kernel_info answered  {statistics.median(run.ready_s):6.2f} s")
        print(f"  start -> first cell result     {statistics.median(run.launches_s):6.2f} s")
        print(f"  {'cell':<14}{'median ms':>10}{'p95 ms':>9}{'min ms':>9}")
        for name, ms in run.cells_ms.items():
            print(f"  {name:<14}{statistics.median(ms):10.1f}{percentile(ms, 95):9.1f}{min(ms):9.1f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Kernel latency, memory and live-display benchmark")
    parser.add_argument("--kernels", default="perceptron",
                        help=f"comma-separated, of {', '.join(PEERS)} (default perceptron)")
    parser.add_argument("--runs", type=int, default=50, help="round trips per cell (default 50)")
    parser.add_argument("--launches", type=int, default=1, help="kernel launches timed per kernel (default 1)")
    parser.add_argument("--memory-epochs", type=int, default=0, help="epochs of the memory run (default 0: skip)")
    parser.add_argument("--live-rounds", type=int, default=0, help="measured rounds of the live-display run (default 0: skip)")
    parser.add_argument("--live-epochs", type=int, default=3, help="epochs per live-display run (default 3)")
    parser.add_argument("--startup", type=Path, help="measure start-up of the Perceptron kernelspecs in this folder")
    parser.add_argument("--startup-launches", type=int, default=5, help="with --startup: launches per kernel (default 5)")
    parser.add_argument("--startup-peers", default="",
                        help="with --startup: peers to launch on each JDK too, comma-separated (kotlin,java)")
    parser.add_argument("--growth-cells", type=int, default=0,
                        help="Java kernels only: run this many declaring cells and compare the first and last round trips")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.kernels.split(",") if n.strip()]
    unknown = [n for n in names if n not in PEERS]
    if unknown:
        parser.error(f"unknown kernel(s) {', '.join(unknown)}; choose from {', '.join(PEERS)}")
    # The kernels' own logs go beside the report, or into the build folder: never into the checkout's root.
    logs = args.json.parent if args.json else Path(__file__).resolve().parents[4] / "build" / "bench"
    logs.mkdir(parents=True, exist_ok=True)

    results: dict = {"runs": args.runs, "launches": args.launches}
    if args.startup:
        peers = [n.strip() for n in args.startup_peers.split(",") if n.strip()]
        results["startup"] = measure_startup(startup_variants(args.startup, peers), args.startup_launches, logs)
        print_startup(results["startup"])
    running = measure_latency(names, args.runs, args.launches, logs) if args.runs else {}
    if args.growth_cells:
        print(f"round trips as a session grows, {args.growth_cells} cells each declaring a variable and a method")
        results["growth"] = measure_growth(names, args.growth_cells, logs)
    results["kernels"] = {name: run.result() for name, run in running.items()}
    if args.memory_epochs or args.live_rounds:
        training = Running(PEERS["perceptron"], logs / "kernel-perceptron-training.log")
        try:
            launch(training)
            if args.memory_epochs:
                results["memory"] = measure_memory(training.kernel, args.memory_epochs)
            if args.live_rounds:
                results["live"] = measure_live(training.kernel, args.live_rounds, args.live_epochs)
        except Exception as error:  # noqa: BLE001
            training.fail("training cells", error)
            results["trainingFailure"] = training.failure
        finally:
            training.stop()
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    else:
        print_plain(running)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
