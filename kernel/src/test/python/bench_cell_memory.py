"""Benchmark (not a test): what each executed cell keeps alive in a kernel's heap.

    install/bench-kernel.sh --memory [--cells 300] [--peers]
    python bench_cell_memory.py --kernels perceptron,kotlin --cells 300 --json out.json

Each kernel runs the same small cells, one after another, each defining a value and a function
(`val value7 = 7` and `fun function7(x: Int) = x + value7`); after the first cell and after every
100 cells the kernel's JVM is asked for a full GC (`jcmd PID GC.run`) and the heap in use after
it is read (`jcmd PID GC.heap_info`). The growth per 100 cells is what a notebook used all day
creeps by. The last cell uses the first and the last function, so every cell's definitions are
still in use. Kernels are measured one after the other, each in its own fresh process.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from bench_kernel import PEERS, Running, check, launch

CELL = "val value{i} = {i}\nfun function{i}(x: Int) = x + value{i}"
STEP = 100


def jvm_pid(pid: int) -> int:
    """The JVM of a kernel: the kernel process itself, or its child that runs java (the Kotlin kernel
    starts from a Python launcher)."""
    if Path(f"/proc/{pid}/exe").resolve().name == "java":
        return pid
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            child = int(stat.parent.name)
            if int(fields[1]) == pid and Path(f"/proc/{child}/exe").resolve().name == "java":
                return child
        except (OSError, ValueError, IndexError):
            continue
    raise RuntimeError(f"no java process in kernel process {pid} or its children")


def heap_after_gc_mb(pid: int) -> float:
    """The heap in use right after a full GC, as the JVM reports it (jcmd of the JVM's own JDK)."""
    jcmd = str(Path(os.readlink(f"/proc/{pid}/exe")).with_name("jcmd"))
    subprocess.run([jcmd, str(pid), "GC.run"], capture_output=True, text=True, timeout=120, check=True)
    info = subprocess.run([jcmd, str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60,
                          check=True).stdout
    match = re.search(r"used (\d+)K", info)
    if not match:
        raise RuntimeError(f"no heap use in `jcmd {pid} GC.heap_info`: {info[:300]}")
    return int(match.group(1)) / 1024


def measure(run: Running, cells: int) -> dict:
    """Runs ``cells`` small cells in ``run``'s kernel and reads the heap after GC every STEP cells."""
    launch(run)
    pid = jvm_pid(run.kernel.manager.provisioner.pid)
    samples = [{"cells": 0, "heapMb": heap_after_gc_mb(pid)}]
    for i in range(1, cells + 1):
        check(run.kernel.execute(CELL.format(i=i)))
        if i % STEP == 0:
            samples.append({"cells": i, "heapMb": heap_after_gc_mb(pid)})
            print(f"  {run.peer.title}: {i} cells, {samples[-1]['heapMb']:.1f} MB after full GC", flush=True)
    last = run.kernel.execute(f"function1(1) + function{cells}(1)")
    check(last)
    if last.result() != str(3 + cells):  # (1 + value1) + (1 + value<cells>)
        raise RuntimeError(f"the last cell gave {last.result()}, not {3 + cells}")
    per_100 = (samples[-1]["heapMb"] - samples[1]["heapMb"]) / ((samples[-1]["cells"] - samples[1]["cells"]) / STEP) \
        if len(samples) > 2 else None
    return {"title": run.peer.title, "samples": samples, "mbPer100Cells": per_100, "cell": CELL}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Heap after GC as cells accumulate")
    parser.add_argument("--kernels", default="perceptron", help="comma-separated, of perceptron, kotlin")
    parser.add_argument("--cells", type=int, default=300, help="small cells to run (default 300)")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    logs = args.json.parent if args.json else Path(__file__).resolve().parents[4] / "build" / "bench"
    logs.mkdir(parents=True, exist_ok=True)
    results: dict = {"cells": args.cells, "kernels": {}}
    for name in [n.strip() for n in args.kernels.split(",") if n.strip()]:
        run = Running(PEERS[name], logs / f"kernel-{name}-memory.log")
        try:
            results["kernels"][name] = measure(run, args.cells)
        except Exception as error:  # noqa: BLE001  (a peer that fails is reported, the rest still runs)
            run.fail("memory cells", error)
            results["kernels"][name] = {"title": run.peer.title, "failure": run.failure}
        finally:
            run.stop()
    for result in results["kernels"].values():
        if result.get("failure"):
            print(f"{result['title']}: not measured: {result['failure']}")
        else:
            print(f"{result['title']}: " + ", ".join(f"{s['cells']} cells {s['heapMb']:.1f} MB" for s in result["samples"])
                  + f"; {result['mbPer100Cells']:.1f} MB per 100 cells")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
