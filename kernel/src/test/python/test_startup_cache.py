"""The start-up cache recorded at install: the kernel uses it, and starts without it when it cannot.

Each test starts the kernel from a copy of an installed kernelspec (the `kernelspec` fixture: on the
kernel's JDK and, where there is one, on the second JDK), with the kernel's own output (its log)
written to a file.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from perceptron_client import Kernel, KernelSpec

CACHE_NOTE = "The start-up cache"


def copy_with_cache(spec: KernelSpec, cache: Path | None, folder: Path, *jvm_options: str) -> KernelSpec:
    """A copy of ``spec`` in ``folder``; with ``cache``, pointing at that file instead of its own
    cache; with ``jvm_options`` added to the java command line."""
    kernel_json = json.loads((spec.resource_dir / "kernel.json").read_text())
    recorded = kernel_json["metadata"]["perceptron"]["startupCache"]
    assert recorded, f"{spec.name} was installed without a start-up cache: {kernel_json['argv']}"
    if cache is not None:
        kernel_json["argv"] = [arg.replace(recorded, str(cache)) for arg in kernel_json["argv"]]
    kernel_json["argv"][1:1] = jvm_options
    (folder / spec.name).mkdir(parents=True)
    (folder / spec.name / "kernel.json").write_text(json.dumps(kernel_json))
    return KernelSpec(spec.name, folder, spec.java_feature)


def first_result_and_log(spec: KernelSpec, log: Path) -> tuple[str, list[str]]:
    """Starts ``spec`` with its output going to ``log``, runs ``1 + 1``, stops it: the result and the log's lines."""
    manager = spec.manager()
    with log.open("w") as output:
        manager.start_kernel(stdout=output, stderr=output)
    kernel = Kernel(manager, spec.java_feature)
    try:
        result = kernel.execute("1 + 1").result()
    finally:
        kernel.shutdown()
    return result, log.read_text().splitlines()


def test_the_installed_kernel_starts_with_its_cache(kernelspec: KernelSpec, tmp_path: Path) -> None:
    # The JVM's own record of where each class came from: from the cache, it says "shared objects file".
    classes = tmp_path / "classes.log"
    spec = copy_with_cache(kernelspec, None, tmp_path / "kernels", f"-Xlog:class+load=info:file={classes}")

    result, log = first_result_and_log(spec, tmp_path / "kernel.log")

    assert result == "2"
    assert [line for line in log if CACHE_NOTE in line] == []
    loaded = {line.split()[1]: line for line in classes.read_text().splitlines() if " source: " in line}
    for kernel_class in ("io.perceptron.kernel.cli.Main", "io.perceptron.kernel.protocol.KernelProtocol",
                         "org.jetbrains.kotlin.cli.jvm.compiler.KotlinCoreEnvironment"):
        assert "shared objects file" in loaded[kernel_class], f"not from the start-up cache: {loaded[kernel_class]}"


def test_a_missing_cache_costs_time_and_one_line_of_log(kernelspec: KernelSpec, tmp_path: Path) -> None:
    missing = tmp_path / "gone" / "kernel.cache"

    result, log = first_result_and_log(copy_with_cache(kernelspec, missing, tmp_path / "kernels"), tmp_path / "kernel.log")

    assert result == "2"
    notes = [line for line in log if CACHE_NOTE in line]
    assert len(notes) == 1, log
    assert f"{missing} is missing" in notes[0]
    assert "install/run.sh records it again" in notes[0]
    assert not [line for line in log if "[error]" in line or "[warning]" in line], "the JVM's own messages stay off"


def test_a_cache_the_jvm_refuses_costs_time_and_one_line_of_log(kernelspec: KernelSpec, tmp_path: Path) -> None:
    recorded = Path(json.loads((kernelspec.resource_dir / "kernel.json").read_text())["metadata"]["perceptron"]["startupCache"])
    broken = tmp_path / "broken" / recorded.name
    broken.parent.mkdir()
    broken.write_bytes(b"not a class-data archive")
    # The stamp still fits this JDK and these jars: only the JVM can tell that the cache is unusable.
    shutil.copy(recorded.with_name("stamp.txt"), broken.with_name("stamp.txt"))

    result, log = first_result_and_log(copy_with_cache(kernelspec, broken, tmp_path / "kernels"), tmp_path / "kernel.log")

    assert result == "2"
    notes = [line for line in log if CACHE_NOTE in line]
    assert len(notes) == 1, log
    assert "was refused by the JVM" in notes[0]
    assert not [line for line in log if "[error]" in line or "[warning]" in line], "the JVM's own messages stay off"
