"""End-to-end: the perceptron-java kernelspec (Java cells, JShell) through a real jupyter_client.

Libraries come from folders the test builds (a file: repository, an empty stand-in for Maven
Central, a fresh local repository), as in test_dependencies_e2e.py: no network is used.
"""
from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from conftest import NO_SECOND_JDK
from maven_repository import MavenRepository
from perceptron_client import JAVA_KERNEL_NAME, Kernel, KernelSpec, second_jdk_kernelspec

UNITS = 'package test.units; public class Units { public static double inches(double cm) { return cm / 2.54; } }'

_SPECS = [KernelSpec.read(JAVA_KERNEL_NAME), second_jdk_kernelspec("java")]


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict:
    root = tmp_path_factory.mktemp("maven")
    remote = MavenRepository(root / "remote")
    remote.publish("io.perceptron.test:units:1.0", {"test.units.Units": UNITS})
    central = root / "central"
    central.mkdir()
    settings = root / "settings.xml"
    settings.write_text("<settings/>\n")
    return {"remote": remote, "central": central, "local": root / "local", "settings": settings}


@pytest.fixture(scope="module", params=_SPECS, ids=[spec.id if spec else "second-jdk" for spec in _SPECS])
def kernel(request: pytest.FixtureRequest, places) -> Iterator[Kernel]:
    """A Java kernel on each JDK, whose Maven sees only the test's folders."""
    if request.param is None:
        pytest.skip(NO_SECOND_JDK)
    env = dict(os.environ)
    env["MAVEN_OPTS"] = f"-Dmaven.repo.local={places['local']} -Dmaven.repo.central={places['central'].as_uri()}"
    env["MAVEN_ARGS"] = f"-s {places['settings']}"
    started = Kernel.start(request.param, env=env)
    try:
        yield started
    finally:
        started.shutdown()


def test_the_kernel_says_its_cells_are_java(kernel: Kernel) -> None:
    info = kernel.request("kernel_info").reply["content"]

    assert info["language_info"]["name"] == "java"
    assert info["language_info"]["file_extension"] == ".jshell"


def test_declarations_carry_across_cells_and_the_last_expression_is_the_result(kernel: Kernel) -> None:
    assert kernel.execute("int base = 40;\nint plus(int a, int b) { return a + b; }").status == "ok"

    result = kernel.execute("plus(base, 2)")

    assert result.status == "ok", result.reply["content"]
    assert result.result() == "42"
    assert kernel.execute("base = 1;").of_type("execute_result") == [], "a statement has no result"


def test_printing_streams_and_display_shows_a_dsl_table_as_html(kernel: Kernel) -> None:
    cell = kernel.execute('System.out.println("first line");\n'
                          'var table = Table.create("sizes", IntColumn.create("n", 1, 2, 3));\n'
                          'display("shown now");\n'
                          'table')

    assert cell.status == "ok", cell.reply["content"]
    assert cell.stream() == "first line\n"
    shown = cell.of_type("display_data")
    assert [d.content["data"]["text/plain"] for d in shown] == ["shown now"]
    assert "<table" in cell.result("text/html")


def test_a_compile_error_names_the_cells_line_and_column_and_marks_it(kernel: Kernel) -> None:
    cell = kernel.execute("var fine = 1;\nint broken = fine + nowhere;")

    assert cell.status == "error"
    error = cell.error
    assert error["ename"] == "CompilationError"
    assert "line 2, column 21" in error["evalue"], error["evalue"]
    assert "    int broken = fine + nowhere;" in error["traceback"]
    assert "                        ^^^^^^^" in error["traceback"]
    assert kernel.execute("fine").result() == "1", "the line above the error ran"


def test_a_runtime_error_shows_the_users_frames_only(kernel: Kernel) -> None:
    kernel.execute("double ratio(int a, int b) {\n    return a / b;\n}")

    cell = kernel.execute("ratio(1, 0)")

    assert cell.status == "error"
    assert cell.error["ename"] == "java.lang.ArithmeticException"
    frames = [line for line in cell.error["traceback"] if line.startswith("    at ")]
    assert len(frames) == 2 and frames[0].startswith("    at ratio (cell ") and frames[0].endswith(", line 2)"), frames
    assert not any("jshell" in line or "perceptron.kernel" in line for line in cell.error["traceback"])


def test_completion_inspection_and_is_complete(kernel: Kernel) -> None:
    kernel.execute('var greeting = "hello";')

    completed = kernel.request("complete", "greeting.toUpp", 14).reply["content"]
    inspected = kernel.request("inspect", "greeting", 3).reply["content"]
    incomplete = kernel.request("is_complete", "void f() {").reply["content"]

    assert "toUpperCase(" in completed["matches"] and completed["cursor_start"] == 9
    assert inspected["found"] and "String greeting = \"hello\"" in inspected["data"]["text/plain"]
    assert incomplete["status"] == "incomplete"


def test_maven_adds_a_library_for_the_next_cells(kernel: Kernel, places) -> None:
    added = kernel.execute(f"%maven --repo {places['remote'].url} io.perceptron.test:units:1.0")

    assert added.status == "ok", added.reply["content"]
    assert "Added to the cell class path: units-1.0.jar." in added.stream()
    used = kernel.execute("import test.units.Units;\nMath.round(Units.inches(254))")
    assert used.status == "ok", used.reply["content"]
    assert used.result() == "100"


def test_a_missing_artifact_is_named_and_the_kernel_answers_the_next_cell(kernel: Kernel) -> None:
    cell = kernel.execute("%maven io.perceptron.test:absent:9.9")

    assert cell.status == "error"
    assert "io.perceptron.test:absent:9.9" in cell.error["evalue"]
    assert kernel.execute("2 * 21").result() == "42"


def test_help_says_cells_are_java(kernel: Kernel) -> None:
    out = kernel.execute("%help").stream()

    assert out.startswith("Perceptron: Java cells"), out
    assert "import static io.perceptron.dsl.display.Display.display" in out
    assert "@file:DependsOn" not in out


def test_interrupt_stops_a_sleeping_cell_and_keeps_the_state(kernel: Kernel) -> None:
    kernel.execute("var survivor = 7;")
    sleeping = kernel.submit("Thread.sleep(60_000);")
    kernel.wait_for_output(sleeping, "execute_input")
    time.sleep(0.5)

    kernel.manager.interrupt_kernel()
    kernel.wait(sleeping, timeout=30)

    assert sleeping.status == "error"
    assert sleeping.reply["content"]["ename"] == "Interrupted"
    assert kernel.execute("survivor * 6").result() == "42"


def test_interrupt_ends_a_busy_loop_and_later_cells_run(kernel: Kernel) -> None:
    busy = kernel.submit("long spins = 0;\nwhile (true) { spins++; }")
    kernel.wait_for_output(busy, "execute_input")
    time.sleep(0.5)

    kernel.manager.interrupt_kernel()
    kernel.wait(busy, timeout=30)

    assert busy.status == "error"
    assert busy.reply["content"]["ename"] == "Interrupted"
    assert kernel.execute("6 * 7").result() == "42"
