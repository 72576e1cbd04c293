"""End-to-end: what a cell cannot do to the kernel, on every JDK the kernel is tested on (the
`kernel` fixture runs these on the kernel's JDK and again on the second one, 21 or newer, where
Thread.stop is gone).

An interrupted busy loop really ends (its thread stops using the CPU), System.exit in a cell is an
error instead of the end of the kernel, and text a cell's background thread prints after the cell
returned still reaches the front end.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

from perceptron_client import Kernel

# A spinning thread would use about this many CPU-seconds in CPU_WINDOW_S; an idle kernel uses
# almost none (measured: under 0.1). The bound sits far from both.
CPU_WINDOW_S = 3.0
IDLE_CPU_SECONDS = 0.5


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time the process has used so far, from /proc/PID/stat (fields 14 and 15)."""
    after_name = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    # after_name[0] is field 3 (the state), so field 14 is after_name[11].
    return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")


def test_an_interrupted_busy_loop_ends_its_thread_and_the_next_cell_sees_earlier_variables(kernel: Kernel) -> None:
    assert kernel.execute("val beforeTheLoop = 20").status == "ok"
    busy = kernel.submit("var n = 0L; while (true) { n++ }")
    kernel.wait_for_output(busy, "execute_input")
    time.sleep(1.0)

    kernel.manager.interrupt_kernel()
    kernel.wait(busy, timeout=30)
    pid = kernel.manager.provisioner.pid
    before = cpu_seconds(pid)
    time.sleep(CPU_WINDOW_S)
    used = cpu_seconds(pid) - before

    assert busy.error["ename"] == "Interrupted", busy.error
    assert used < IDLE_CPU_SECONDS, (f"the kernel used {used:.2f} CPU-seconds in the {CPU_WINDOW_S} s after the "
                                     f"interrupt (JDK {kernel.java_feature}): the loop's thread is still spinning")
    assert kernel.execute("beforeTheLoop + 1").result() == "21"


def test_system_exit_in_a_cell_is_an_error_and_the_kernel_keeps_every_variable(kernel: Kernel) -> None:
    assert kernel.execute("val keptThroughExit = 41").status == "ok"

    cell = kernel.execute("System.exit(0)")

    assert cell.status == "error"
    assert "A cell cannot stop the kernel; use Kernel → Restart" in cell.error["evalue"], cell.error
    assert kernel.manager.is_alive()
    assert kernel.execute("keptThroughExit + 1").result() == "42"


def test_text_a_background_thread_prints_after_its_cell_returned_reaches_the_front_end(kernel: Kernel) -> None:
    cell = kernel.submit('Thread { Thread.sleep(300); println("late from a thread") }.start()')

    late = kernel.wait_for_output(cell, "stream", timeout=30)
    kernel.wait(cell)

    assert cell.status == "ok"
    assert late.content == {"name": "stdout", "text": "late from a thread\n"}
    assert late.at > cell.reply_at, "the text was printed after the cell returned"
