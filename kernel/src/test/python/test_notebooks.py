"""Every tutorial notebook runs top to bottom with the perceptron kernel; its own checks must hold."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import perceptron_client  # noqa: F401  (points Jupyter at the venv's kernelspec first)

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "install"))
from notebooks import execute_notebook  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks in notebooks/ yet")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_its_checks_hold(path: Path) -> None:
    run = execute_notebook(path, ROOT / "build" / "notebooks")

    assert run.ok, f"{path.name} failed (see {run.html}):\n{run.error}"
