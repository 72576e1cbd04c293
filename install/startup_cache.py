"""The kernel JVM's start-up cache: class data recorded from one short, representative session.

On JDK 24 and newer it is an AOT cache (`-XX:AOTCacheOutput` records it, `-XX:AOTCache` uses it):
the classes the session loaded, already parsed, verified and linked, with method profiles. On JDK
17 to 23 it is a dynamic AppCDS archive (`-XX:ArchiveClassesAtExit`, then `-XX:SharedArchiveFile`):
the same classes parsed and verified. Either removes most of the class loading from the kernel's
start to its first result (BENCHMARKS.md has the figures).

A cache is only good for the JDK build, the JVM options and the jars it was recorded with. The stamp
beside it lists them, and `ensure` records the cache again when any of them changed. A kernel whose
cache is missing, stale or refused by the JVM still starts, only slower, and says so in one line of
its log (kernel/src/main/java/io/perceptron/kernel/cli/StartupCache.java reads the same stamp).

Used by install/kernelspec.py, which writes the kernelspec that launches the kernel with the cache.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# AOT caches (JEP 483) came with JDK 24; older JDKs get a dynamic AppCDS archive (JDK 13 and newer).
FIRST_AOT_CACHE_JDK = 24
# The kernel's system property naming the cache it was started with, so that it can check it.
CACHE_PROPERTY = "perceptron.startupCache"
STAMP_NAME = "stamp.txt"

# The representative session: what a notebook does in its first minute (values, printing, functions
# and classes, a table, a small training with its live plot, a figure, display, a magic, completion,
# and both kinds of error), so that the classes of each of those paths are in the cache.
CELLS = (
    "1 + 1",
    'val greeting = "hello"\nprintln(greeting)',
    "fun twice(n: Int) = 2 * n\ndata class Point(val x: Int, val y: Int)\nPoint(twice(21), 1)",
    'val scores = Table.create("scores", IntColumn.create("points", 3, 1, 2))\nscores',
    'val data = Datasets.moons(200, 0.2, 42)\n'
    'val model = Model.sequential().input(2).dense(8).relu().dense(2)\n'
    'val run = model.fit(data).features("x1", "x2").label("label").epochs(2).seed(42).train()\n'
    'run.history()',
    'Plot.line(run.history(), "epoch", "loss")',
    'display("shown")',
    "%help",
)
# Cells that fail on purpose: a compile error and a runtime error, each rendered as a traceback.
FAILING_CELLS = ("undefinedName + 1", 'error("raised on purpose")')
COMPLETION = "greeting.len"

STARTUP_TIMEOUT_S = 180
CELL_TIMEOUT_S = 300
# Writing the cache happens as the JVM exits (on JDK 25 it starts a second JVM that assembles the
# cache): 8 to 40 s on the 2-core machine, by how busy it was. The kernel gets this long before its
# process group is killed.
EXIT_TIMEOUT_S = 600


@dataclass(frozen=True)
class Jdk:
    """A JDK as the kernel sees it: its java binary, home, build and feature version (17, 21, 25)."""

    java: Path
    home: str
    version: str
    feature: int

    @classmethod
    def of(cls, java: str | Path) -> Jdk:
        binary = Path(java).resolve()
        settings = subprocess.run([str(binary), "-XshowSettings:properties", "-version"],
                                  capture_output=True, text=True, timeout=120).stderr
        properties = {}
        for line in settings.splitlines():
            key, sep, value = line.strip().partition(" = ")
            if sep:
                properties[key] = value
        try:
            spec = properties["java.specification.version"]
            return cls(binary, properties["java.home"], properties["java.vm.version"], int(spec.removeprefix("1.")))
        except (KeyError, ValueError):
            raise RuntimeError(f"{binary} did not report its version (java -XshowSettings:properties said:\n{settings})") from None

    @property
    def uses_aot_cache(self) -> bool:
        return self.feature >= FIRST_AOT_CACHE_JDK

    @property
    def key(self) -> str:
        """A folder name that tells one JDK installation from another."""
        return f"jdk-{self.feature}-{hashlib.sha256(str(self.java).encode()).hexdigest()[:8]}"


def archive_path(cache_root: Path, jdk: Jdk) -> Path:
    """Where the cache for ``jdk`` lives: one folder per JDK installation under ``cache_root``."""
    return cache_root / jdk.key / ("kernel.aot" if jdk.uses_aot_cache else "kernel.jsa")


def use_args(jdk: Jdk, archive: Path) -> list[str]:
    """The JVM options that start the kernel with its cache.

    The JVM's own messages about the cache are switched off: when it cannot use the cache it prints
    several lines (on JDK 25 at error level) into the terminal that runs Jupyter, and the kernel
    says it in one line instead. Neither ever reaches a notebook.
    """
    if jdk.uses_aot_cache:
        return [f"-XX:AOTCache={archive}", "-Xlog:aot*=off,cds*=off", f"-D{CACHE_PROPERTY}={archive}"]
    return [f"-XX:SharedArchiveFile={archive}", "-Xlog:cds*=off", f"-D{CACHE_PROPERTY}={archive}"]


def record_args(jdk: Jdk, output: Path) -> list[str]:
    """The JVM options that record the cache into ``output`` as the kernel exits."""
    return [f"-XX:AOTCacheOutput={output}" if jdk.uses_aot_cache else f"-XX:ArchiveClassesAtExit={output}"]


def stamp(jdk: Jdk, argv: list[str], jars: list[Path]) -> str:
    """What a cache was recorded with. StartupCache.java checks the java.* and file lines."""
    lines = ["# What the start-up cache beside this file was recorded with (install/startup_cache.py).",
             f"java.home={jdk.home}",
             f"java.vm.version={jdk.version}"]
    for jar in sorted(jars):
        info = jar.stat()
        lines.append(f"file={info.st_size} {info.st_mtime_ns // 1_000_000} {jar}")
    lines.append("argv=" + hashlib.sha256(json.dumps(argv).encode()).hexdigest())
    lines.append("cells=" + hashlib.sha256(json.dumps([CELLS, FAILING_CELLS, COMPLETION]).encode()).hexdigest())
    return "\n".join(lines) + "\n"


def jars_of(kernel_home: Path) -> list[Path]:
    """Every jar the kernel loads: its own class path and the cells'."""
    return sorted(kernel_home.glob("lib/*.jar")) + sorted(kernel_home.glob("cell/*.jar"))


@dataclass
class Outcome:
    """What `ensure` did: ``recorded`` is False when the cache was already up to date."""

    archive: Path
    recorded: bool
    # The session (start, cells, shutdown request) and the JVM's exit, which writes the cache.
    session_s: float = 0.0
    writing_s: float = 0.0


def ensure(spec: dict, jdk: Jdk, archive: Path, kernel_home: Path) -> Outcome:
    """Records the cache for the kernelspec ``spec`` unless its stamp says it is up to date.

    ``spec`` must launch the kernel with ``use_args(jdk, archive)``; the recording run swaps those
    for ``record_args`` and keeps every other option and the class path, as the JVM requires.

    Raises:
        RuntimeError: the recording run failed; its log (named in the message) says why.
    """
    wanted = stamp(jdk, spec["argv"], jars_of(kernel_home))
    stamp_file = archive.parent / STAMP_NAME
    if archive.is_file() and stamp_file.is_file() and stamp_file.read_text() == wanted:
        return Outcome(archive, recorded=False)
    archive.parent.mkdir(parents=True, exist_ok=True)
    stamp_file.unlink(missing_ok=True)
    session_s, writing_s = _record(spec, jdk, archive)
    stamp_file.write_text(wanted)
    return Outcome(archive, recorded=True, session_s=session_s, writing_s=writing_s)


def _record(spec: dict, jdk: Jdk, archive: Path) -> tuple[float, float]:
    use = use_args(jdk, archive)
    argv = spec["argv"]
    at = next((i for i in range(len(argv)) if argv[i:i + len(use)] == use), None)
    if at is None:
        raise RuntimeError(f"the kernelspec does not use the start-up cache options {use}")
    partial = archive.with_name(archive.name + ".recording")
    log = archive.with_name("recording.log")
    _remove_recording_leftovers(partial)
    recording = dict(spec, argv=argv[:at] + record_args(jdk, partial) + argv[at + len(use):])
    with tempfile.TemporaryDirectory(prefix="perceptron-recording-") as folder:
        spec_dir = Path(folder) / "perceptron-recording"
        spec_dir.mkdir()
        (spec_dir / "kernel.json").write_text(json.dumps(recording))
        with log.open("w") as output:
            failure, session_s, writing_s = _run_session(Path(folder), output)
    if failure is None and not partial.is_file():
        failure = "the JVM exited without writing it"
    if failure is not None:
        _remove_recording_leftovers(partial)
        raise RuntimeError(f"recording the start-up cache failed: {failure} (the kernel's output: {log})")
    os.replace(partial, archive)
    return session_s, writing_s


def _run_session(kernels: Path, output) -> tuple[str | None, float, float]:
    """Runs the representative session in a kernel from ``kernels``.

    Returns what went wrong (None when nothing did), the session's seconds and the exit's seconds.
    """
    # Imported here: only the recording needs jupyter_client.
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    manager = KernelManager(kernel_name="perceptron-recording",
                            kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    manager.shutdown_wait_time = EXIT_TIMEOUT_S
    started = time.monotonic()
    manager.start_kernel(stdout=output, stderr=subprocess.STDOUT)
    client = manager.client()
    failure = None
    try:
        client.start_channels()
        client.wait_for_ready(timeout=STARTUP_TIMEOUT_S)
        for code in CELLS + FAILING_CELLS:
            reply = client.execute(code, reply=True, timeout=CELL_TIMEOUT_S, stop_on_error=False)["content"]
            if (reply["status"] == "ok") != (code not in FAILING_CELLS):
                failure = f"the cell {code!r} gave {reply['status']}: {reply.get('ename')}: {reply.get('evalue')}"
                break
        if failure is None:
            client.complete(COMPLETION, len(COMPLETION), reply=True, timeout=CELL_TIMEOUT_S)
    except Exception as error:  # noqa: BLE001  (any failure of the session is reported, and the kernel stopped)
        failure = f"{type(error).__name__}: {error}"
    finally:
        client.stop_channels()
        ended = time.monotonic()
        # A polite shutdown: the cache is written while the JVM exits, so wait for it (the JVM waits
        # for the child that assembles an AOT cache); only a kernel that hangs is killed, with its
        # process group, so that no recording JVM is left behind.
        manager.shutdown_kernel(now=failure is not None)
    return failure, ended - started, time.monotonic() - ended


def _remove_recording_leftovers(partial: Path) -> None:
    for leftover in (partial, partial.with_name(partial.name + ".config")):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink(missing_ok=True)
