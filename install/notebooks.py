"""Executes notebooks with their Perceptron kernel (nbclient) and writes HTML exports.

Each notebook runs on the kernelspec its metadata names: perceptron (Kotlin) for notebooks/,
perceptron-java for notebooks/java/.

Used by ``install/run.sh --headless`` and by the end-to-end tests, which import
``execute_notebook`` from here so both run notebooks the same way.

    python install/notebooks.py --output build/notebooks notebooks/*.ipynb notebooks/java/*.ipynb
"""
from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from nbconvert import HTMLExporter

# The kernel of a notebook whose metadata names none.
KERNEL_NAME = "perceptron"
# Each tutorial runs in about a minute on two cores; one cell may train for a while.
CELL_TIMEOUT_S = 600
STARTUP_TIMEOUT_S = 120
PLOTLY_MIME = "application/vnd.plotly.v1+json"


@dataclass
class NotebookRun:
    """The outcome of executing one notebook."""

    path: Path
    seconds: float
    error: str | None = None
    html: Path | None = None
    # Plotly figures among the outputs (the exports must draw this many).
    figures: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None


def export_name(path: Path) -> str:
    """The name of a notebook's export and screenshots: ``00-tour``, ``java-00-tour`` for notebooks/java/."""
    return path.stem if path.parent.name == "notebooks" else f"{path.parent.name}-{path.stem}"


def kernel_of(notebook) -> str:
    """The kernelspec a notebook's metadata names, as a front end would start it."""
    return notebook.metadata.get("kernelspec", {}).get("name") or KERNEL_NAME


def execute_notebook(path: Path, html_dir: Path | None = None) -> NotebookRun:
    """Runs every cell of ``path`` top to bottom; writes ``<html_dir>/<export_name>.html`` if given.

    A failing cell stops the run; the notebook, with the outputs up to the failure, is still
    exported so the failure can be read in context.
    """
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        kernel_name=kernel_of(notebook),
        timeout=CELL_TIMEOUT_S,
        startup_timeout=STARTUP_TIMEOUT_S,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.monotonic()
    error = None
    try:
        client.execute()
    except CellTimeoutError as e:
        error = f"a cell ran longer than {CELL_TIMEOUT_S} s:\n{e}"
    except CellExecutionError as e:
        error = str(e)
    run = NotebookRun(path, time.monotonic() - started, error, figures=count_figures(notebook))
    if html_dir is not None:
        html_dir.mkdir(parents=True, exist_ok=True)
        body, _ = HTMLExporter().from_notebook_node(notebook)
        run.html = html_dir / (export_name(path) + ".html")
        run.html.write_text(body, encoding="utf-8")
    return run


def count_figures(notebook) -> int:
    """How many outputs of the executed notebook are Plotly figures."""
    return sum(
        1
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if PLOTLY_MIME in output.get("data", {})
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, required=True, help="folder for the HTML exports")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)

    notebooks = sorted(p for p in args.notebooks if p.is_file())
    if not notebooks:
        print("No notebooks to execute.")
        return 0
    failed = []
    for path in notebooks:
        print(f"--> {path.name} ...", end=" ", flush=True)
        run = execute_notebook(path, args.output)
        if run.ok:
            print(f"ok in {run.seconds:.1f} s -> {run.html}")
        else:
            print(f"FAILED after {run.seconds:.1f} s")
            failed.append(run)
    for run in failed:
        print(f"\n{run.path.name} failed (its HTML up to the failure: {run.html}):\n{run.error}", file=sys.stderr)
    if failed:
        names = ", ".join(run.path.name for run in failed)
        print(f"\n{len(failed)} of {len(notebooks)} notebooks failed: {names}", file=sys.stderr)
        return 1
    print(f"All {len(notebooks)} notebooks ran; HTML in {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
