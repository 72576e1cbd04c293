"""Every tutorial notebook runs top to bottom with its kernel (perceptron, or perceptron-java for
notebooks/java/), its own checks hold, and
its HTML export draws every figure offline in Chromium.

Each notebook's run time is recorded in build/notebooks/timings.md and shown at the end of the
pytest run (the budget is 90 s on a quiet 2-core machine; tests never assert timings).
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

import perceptron_client  # noqa: F401  (points Jupyter at the venv's kernelspec first)
from browser import assert_all_drawn, open_export

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "install"))
from notebooks import execute_notebook, export_name  # noqa: E402

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "notebooks" / "java").glob("*.ipynb"))
HTML_DIR = ROOT / "build" / "notebooks"
BUDGET_S = 90
TIMINGS: dict[str, float] = {}


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks in notebooks/ yet")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[export_name(p) for p in NOTEBOOKS])
def test_notebook_runs_its_checks_hold_and_its_export_draws_every_figure(path: Path, browser) -> None:
    run = execute_notebook(path, HTML_DIR)
    TIMINGS[export_name(path)] = run.seconds
    assert run.ok, f"{path.name} failed (see {run.html}):\n{run.error}"
    assert run.figures > 0, f"{path.name} shows no plot; every tutorial shows at least one"

    graphs, context = open_export(browser, run.html, run.figures, f"notebooks/{export_name(path)}.png")
    assert len(graphs) == run.figures, \
        f"{path.name} has {run.figures} figures among its outputs but its export drew {len(graphs)}. {context}"
    assert_all_drawn(graphs, context)


def timings_report() -> list[str]:
    """Lines of a table of each executed notebook's run time against the budget."""
    if not TIMINGS:
        return []
    lines = ["| notebook | seconds | within 90 s |", "| --- | --- | --- |"]
    for name, seconds in TIMINGS.items():
        lines.append(f"| {name} | {seconds:.1f} | {'yes' if seconds <= BUDGET_S else 'NO'} |")
    lines.append(f"| all | {sum(TIMINGS.values()):.1f} | |")
    return lines
