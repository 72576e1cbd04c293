"""Fixtures for the end-to-end tests: a perceptron kernel started from the venv's kernelspec."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from perceptron_client import Kernel


@pytest.fixture(scope="module")
def kernel() -> Iterator[Kernel]:
    """One kernel per test module; tests that restart or interrupt it leave it usable."""
    started = Kernel.start()
    try:
        yield started
    finally:
        started.shutdown()
