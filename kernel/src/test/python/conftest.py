"""Fixtures for the end-to-end tests: a perceptron kernel started from the venv's kernelspec."""
from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from browser import launch
from perceptron_client import KERNEL_NAME, Kernel, KernelSpec, second_jdk_kernelspec

# The kernel users get, and the same kernel on a second JDK where install/test.sh found one (None:
# the tests on it are skipped, saying how to get one).
_KERNELSPECS = [KernelSpec.read(KERNEL_NAME), second_jdk_kernelspec()]
NO_SECOND_JDK = ("no second JDK, so the kernel was tested on one JDK only: install a JDK 17 beside a newer one "
                 "(or a JDK 21 or newer beside 17) in /usr/lib/jvm, or set PERCEPTRON_SECOND_JDK to its home, "
                 "and run install/test.sh")


@pytest.fixture(scope="module", params=_KERNELSPECS, ids=[spec.id if spec else "second-jdk" for spec in _KERNELSPECS])
def kernelspec(request: pytest.FixtureRequest) -> KernelSpec:
    """The installed kernelspec to test: the perceptron kernel on its JDK, then on the second JDK."""
    if request.param is None:
        pytest.skip(NO_SECOND_JDK)
    return request.param


@pytest.fixture(scope="module")
def kernel(kernelspec: KernelSpec) -> Iterator[Kernel]:
    """One kernel per test module and JDK; tests that restart or interrupt it leave it usable."""
    started = Kernel.start(kernelspec)
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
