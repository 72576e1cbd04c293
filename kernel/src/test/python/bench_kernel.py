"""Benchmark (not a test): kernel start to first result, and round trips of small cells.

    install/bench-kernel.sh [--runs 50]

Prints the time from starting the kernel process to the first cell's result, then the median
and 95th percentile round trip (execute_request sent -> execute_reply and idle received) of
small cells, measured through a real jupyter_client connection.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time

from perceptron_client import Kernel, KernelManager, KERNEL_NAME

CELLS = {
    "empty cell": "",
    "assignment": "val benchX = 1",
    "println": 'println("hi")',
    "table render": 'benchTable',
}
SETUP = ('val benchTable = tech.tablesaw.api.Table.create("t", '
         'tech.tablesaw.api.IntColumn.create("a", *IntArray(100) { it }))')


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="Perceptron kernel latency benchmark")
    parser.add_argument("--runs", type=int, default=50, help="round trips per cell (default 50)")
    args = parser.parse_args(argv)

    started = time.monotonic()
    manager = KernelManager(kernel_name=KERNEL_NAME)
    manager.start_kernel()
    kernel = Kernel(manager)
    ready = time.monotonic()
    first = kernel.execute("1 + 1")
    assert first.result() == "2", first.reply
    first_result = time.monotonic()
    print(f"kernel start -> ready (kernel_info answered): {ready - started:6.2f} s")
    print(f"kernel start -> first cell result:            {first_result - started:6.2f} s")

    try:
        assert kernel.execute(SETUP).status == "ok"
        print(f"\nround trip over {args.runs} runs each (ms):")
        print(f"  {'cell':<14}{'median':>9}{'p95':>9}{'min':>9}")
        for name, code in CELLS.items():
            samples = []
            for _ in range(args.runs):
                sent = time.monotonic()
                cell = kernel.execute(code)
                assert cell.status == "ok", cell.reply["content"]
                samples.append((time.monotonic() - sent) * 1000)
            print(f"  {name:<14}{statistics.median(samples):9.1f}{percentile(samples, 95):9.1f}{min(samples):9.1f}")
    finally:
        kernel.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
