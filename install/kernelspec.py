"""Writes the kernelspec that launches the Perceptron kernel on one JDK, with its start-up cache.

    python install/kernelspec.py --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java \
        --kernel-home build/kernel --cache-root build/startup-cache --venv .venv \
        --dir .venv/share/jupyter/kernels/perceptron [--display-name Perceptron] [--no-cache] \
        [--language java]

The command line comes from install/kernel.json.in; `@STARTUP_CACHE@` there becomes the options
that use the cache recorded for this JDK (install/startup_cache.py), which is recorded first when
it is missing or stale. Should recording fail, the kernelspec is written without the cache and the
kernel starts as it would without one. install/lib.sh runs this for the kernel users get and, for
the tests and benchmarks, for a second JDK and without a cache.

With `--language java` the kernelspec launches the same kernel with Java cells (`--language java` on
its command line, "language": "java" in kernel.json). It shares the cache the Kotlin kernelspec of
the same JDK recorded (same JVM, same class path) and never records one: write the Kotlin
kernelspec first. Without that cache it starts without one.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import startup_cache
from startup_cache import Jdk

TEMPLATE = Path(__file__).resolve().parent / "kernel.json.in"
CACHE_PLACEHOLDER = "@STARTUP_CACHE@"
CONNECTION_FILE = "{connection_file}"
# The cell languages: kernel.json's "language", and what the kernel's --language takes.
LANGUAGES = ("kotlin", "java")
# The quick JIT only, for Kotlin cells: it brings the first result sooner on both JDKs. Java cells go
# without it: JShell's javac needs C2 over a session (measured, 400 cells each declaring a variable
# and a method, JDK 17: with it the round trip grew 19 -> 85 ms, without it 51 -> 42 ms).
C1_ONLY = "-XX:TieredStopAtLevel=1"


def say(message: str) -> None:
    """One step, in the style of install/lib.sh."""
    print(f"==> {message}", file=sys.stderr, flush=True)


def kernelspec(jdk: Jdk, kernel_home: Path, venv: Path, display_name: str, cache_args: list[str],
               archive: Path | None, language: str = "kotlin") -> dict:
    """The kernelspec from the template, for ``jdk``, with ``cache_args`` in place of the placeholder.

    Cells are Kotlin unless ``language`` names another: the kernel is told with ``--language``.
    """
    spec = json.loads(TEMPLATE.read_text())
    replacements = {"@JAVA@": str(jdk.java), "@KERNEL_LIB@": str(kernel_home / "lib"),
                    "@CELL_LIB@": str(kernel_home / "cell"), "@VENV@": str(venv)}
    argv = []
    for arg in spec["argv"]:
        if arg == CACHE_PLACEHOLDER:
            argv += cache_args
            continue
        if arg == C1_ONLY and language != "kotlin":
            continue
        if arg == CONNECTION_FILE and language != "kotlin":
            argv += ["--language", language]
        for key, value in replacements.items():
            arg = arg.replace(key, value)
        argv.append(arg)
    spec["argv"] = argv
    spec["display_name"] = display_name
    spec["language"] = language
    # Which JDK and cache a kernel runs on, for people reading kernel.json and for the tests' names.
    spec["metadata"]["perceptron"] = {"java": str(jdk.java), "javaVersion": jdk.version,
                                      "javaFeature": jdk.feature,
                                      "startupCache": str(archive) if archive else None}
    return spec


def write(spec: dict, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "kernel.json").write_text(json.dumps(spec, indent=2) + "\n")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--java", required=True, help="the java binary the kernel runs on")
    parser.add_argument("--kernel-home", type=Path, required=True, help="build/kernel: lib/ and cell/")
    parser.add_argument("--cache-root", type=Path, required=True, help="where start-up caches live (build/startup-cache)")
    parser.add_argument("--venv", type=Path, required=True, help="the project's .venv (cells find data packages there)")
    parser.add_argument("--dir", type=Path, required=True, help="the kernelspec folder to write")
    parser.add_argument("--display-name", default="Perceptron")
    parser.add_argument("--no-cache", action="store_true", help="launch without a start-up cache (benchmarks)")
    parser.add_argument("--language", choices=LANGUAGES, default="kotlin", help="the cells' language")
    args = parser.parse_args(argv)

    jdk = Jdk.of(args.java)
    kernel_home = args.kernel_home.resolve()
    described = f"JDK {jdk.version} ({jdk.java})"
    if args.no_cache:
        write(kernelspec(jdk, kernel_home, args.venv.resolve(), args.display_name, [], None, args.language), args.dir)
        say(f"Registered kernelspec '{args.dir.name}' on {described}, without a start-up cache")
        return 0
    archive = startup_cache.archive_path(args.cache_root.resolve(), jdk)
    if args.language != "kotlin":
        # The cache is recorded by a Kotlin session; the same JVM and class path can use it.
        shared = archive.is_file()
        write(kernelspec(jdk, kernel_home, args.venv.resolve(), args.display_name,
                         startup_cache.use_args(jdk, archive) if shared else [], archive if shared else None,
                         args.language), args.dir)
        say(f"Registered kernelspec '{args.dir.name}' on {described}, "
            + ("sharing the Kotlin kernelspec's start-up cache" if shared else "without a start-up cache"))
        return 0
    spec = kernelspec(jdk, kernel_home, args.venv.resolve(), args.display_name, startup_cache.use_args(jdk, archive), archive)
    write(spec, args.dir)
    kind = "AOT cache" if jdk.uses_aot_cache else "AppCDS archive"
    try:
        outcome = startup_cache.ensure(spec, jdk, archive, kernel_home)
    except RuntimeError as error:
        write(kernelspec(jdk, kernel_home, args.venv.resolve(), args.display_name, [], None), args.dir)
        say(f"warning: {error}. The kernel starts without a start-up cache, slower.")
        say(f"Registered kernelspec '{args.dir.name}' on {described}, without a start-up cache")
        return 0
    if outcome.recorded:
        size_mb = archive.stat().st_size / 1e6
        say(f"Recorded the kernel's start-up cache ({kind}, {size_mb:.0f} MB) in {outcome.session_s + outcome.writing_s:.0f} s "
            f"(session {outcome.session_s:.0f} s, writing {outcome.writing_s:.0f} s): {archive}")
    say(f"Registered kernelspec '{args.dir.name}' on {described}, with its start-up cache ({kind})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
