"""Fixtures for the end-to-end tests: a perceptron kernel started from the venv's kernelspec."""
from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from browser import launch
from perceptron_client import Kernel


@pytest.fixture(scope="module")
def kernel() -> Iterator[Kernel]:
    """One kernel per test module; tests that restart or interrupt it leave it usable."""
    started = Kernel.start()
    try:
        yield started
    finally:
        started.shutdown()


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Headless Chromium (Debian's) with a fresh profile, shared by every test that looks at a page."""
    with launch(tmp_path_factory.mktemp("chromium-profile")) as context:
        yield context


def pytest_terminal_summary(terminalreporter) -> None:
    """Shows how long each notebook took, and keeps the table in build/notebooks/timings.md."""
    module = sys.modules.get("test_notebooks")
    lines = module.timings_report() if module else []
    if not lines:
        return
    terminalreporter.section("notebook run times")
    for line in lines:
        terminalreporter.write_line(line)
    report = module.HTML_DIR / "timings.md"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("# Notebook run times\n\n" + "\n".join(lines) + "\n")
