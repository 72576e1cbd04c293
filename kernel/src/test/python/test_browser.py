"""Plots as a person sees them: drawn by plotly.js in headless Chromium.

Two pages: JupyterLab running a training cell with its live plot, and the nbconvert HTML export
of an executed notebook opened with no network. Chromium is Debian's package, driven by
Playwright (install/lib.sh, setup_browser); no browser is ever downloaded. Screenshots go to
build/screenshots/.
"""
from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

import perceptron_client  # noqa: F401  (points Jupyter at the venv's kernelspec first)
from browser import GRAPHS_JS, assert_all_drawn, new_page, open_export, reported, screenshot

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "install"))
from notebooks import execute_notebook  # noqa: E402

# The training must last many of the live plot's redraw intervals (250 ms) even on a quiet machine,
# or the page only ever sees the finished curve: 15 epochs of 400 points took 0.6 s and failed so.
EPOCHS = 30
DATA_CELL = 'val data = Datasets.moons(1000, 0.2, 42)\nPlot.scatter(data, "x1", "x2", "label")'
TRAINING_CELL = f"""\
val model = Model.sequential().input(2).dense(16).relu().dense(2)
model.fit(data).features("x1", "x2").label("label").epochs({EPOCHS}).batchSize(8)
    .validationSplit(0.2).seed(1).train()"""

# Records, every 50 ms in the page itself, how many points the live 'loss' curve has drawn.
RECORD_LOSS_POINTS_JS = """() => {
    window.lossPointsSeen = [];
    setInterval(() => {
        for (const el of document.querySelectorAll('.js-plotly-plot')) {
            const loss = (el.data || []).find(t => t.name === 'loss');
            const seen = window.lossPointsSeen;
            if (loss && seen[seen.length - 1] !== loss.x.length) seen.push(loss.x.length);
        }
    }, 50);
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Lab:
    """A running JupyterLab: its address and the token its REST API and pages ask for."""

    url: str
    token: str

    def api(self, path: str, method: str = "GET") -> bytes:
        request = urllib.request.Request(f"{self.url}{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.read()


@pytest.fixture
def jupyterlab(tmp_path: Path) -> Iterator[Lab]:
    """JupyterLab from .venv on a free port of 127.0.0.1, serving tmp_path/notebooks; stopped afterwards."""
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    # Its own settings, workspaces and runtime files: no state from the user's JupyterLab or a previous run.
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "config")
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    settings = tmp_path / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    # No "would you like news?" toast over the notebook in the screenshots.
    (settings / "notification.jupyterlab-settings").write_text(json.dumps({"fetchNews": "false"}))
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={notebooks}", f"--LabApp.user_settings_dir={tmp_path / 'settings'}",
        f"--LabApp.workspaces_dir={tmp_path / 'workspaces'}", "--LabApp.news_url=",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path = tmp_path / "jupyterlab.log"
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    lab = Lab(f"http://127.0.0.1:{port}", token)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                lab.api("/api/status")
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start on port {port}; its log:\n{log_path.read_text()[-4000:]}")
                time.sleep(0.3)
        yield lab
    finally:
        stop_server(server, lab)


def stop_server(server: subprocess.Popen, lab: Lab) -> None:
    """Asks JupyterLab to shut down (it stops its kernels), then terminates it if it lingers."""
    if server.poll() is None:
        try:
            lab.api("/api/shutdown", method="POST")
        except OSError:
            pass
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def write_notebook(path: Path, *cells: str) -> Path:
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    notebook.metadata["kernelspec"] = {"name": "perceptron", "display_name": "Perceptron", "language": "kotlin"}
    nbformat.write(notebook, path)
    return path


def test_training_cell_in_jupyterlab_draws_live_loss_curves(browser, jupyterlab: Lab, tmp_path: Path) -> None:
    write_notebook(tmp_path / "notebooks" / "live.ipynb", DATA_CELL, TRAINING_CELL)
    page, log = new_page(browser, (jupyterlab.url,))
    with reported(page, log, "live-training-failure.png"):
        page.goto(f"{jupyterlab.url}/lab/tree/live.ipynb?token={jupyterlab.token}")
        # The notebook's kernelspec names the Perceptron kernel; the status bar tells when it is
        # started and connected (the toolbar's indicator reads idle even before that).
        page.get_by_text("Perceptron | Idle").wait_for(timeout=90_000)
        prompts = page.locator(".jp-Cell .jp-InputPrompt")

        # The data cell's scatter plot loads plotly.js into the page, so that the training cell's
        # updates are drawn as they come rather than after the library has been unpacked.
        page.click(".jp-Cell .cm-content")
        run_selected_cell(page, prompts.nth(0).element_handle(), 1)
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        page.evaluate(RECORD_LOSS_POINTS_JS)
        run_selected_cell(page, prompts.nth(1).element_handle(), 2)
        page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=30_000)
        page.wait_for_timeout(500)  # lets plotly finish its last layout pass before the screenshot
        page.locator(".jp-Cell").nth(1).scroll_into_view_if_needed()
        final = screenshot(page, "live-training.png")

        outputs = page.locator(".jp-Cell").nth(1).locator(".jp-OutputArea-output").all_inner_texts()
        graphs = [g for g in page.evaluate(GRAPHS_JS) if any(t["name"] == "loss" for t in g["traces"])]
        seen = page.evaluate("window.lossPointsSeen")
        context = f"screenshot {final}; training cell's outputs:\n{outputs}\npage log:\n{log}"
        assert len(graphs) == 1, f"expected one graph of the losses, updated in place; found {len(graphs)}. {context}"
        traces = {t["name"]: t for t in graphs[0]["traces"]}
        assert set(traces) == {"loss", "val_loss"}, f"expected curves loss and val_loss, got {list(traces)}. {context}"
        for name, trace in traces.items():
            assert trace["points"] == EPOCHS, f"{name} has {trace['points']} points, expected one per epoch ({EPOCHS}). {context}"
            assert trace["numeric"], f"{name} has a point that is not a finite number. {context}"
        assert str(graphs[0]["title"]).startswith(f"Training: {EPOCHS} epochs"), context
        # Live: while it trained, the page drew the curve with some of the epochs, then with all.
        assert any(0 < n < EPOCHS for n in seen), \
            f"the loss curve was never drawn part-way through training; point counts drawn: {seen}. {context}"
        assert seen[-1] == EPOCHS, f"point counts drawn: {seen}. {context}"


def run_selected_cell(page, prompt, count: int) -> None:
    """Shift+Enter, then waits for the prompt to show [count] (it shows [*] while the cell runs).

    The check for [*] comes early, so that a key press that ran nothing fails in seconds.
    """
    page.keyboard.press("Shift+Enter")
    page.wait_for_function(f"el => /\\[(\\*|{count})\\]/.test(el.textContent)", arg=prompt, timeout=10_000)
    page.wait_for_function(f"el => /\\[{count}\\]/.test(el.textContent)", arg=prompt, timeout=90_000)


def test_exported_notebook_draws_every_figure_offline(browser, tmp_path: Path) -> None:
    notebook = write_notebook(
        tmp_path / "export.ipynb",
        'val data = Datasets.moons(200, 0.1, 1)\nPlot.scatter(data, "x1", "x2", "label")',
        "val model = Model.sequential().input(2).dense(16).relu().dense(2)\n"
        "val run = model.fit(data).epochs(5).validationSplit(0.2).seed(1).train()",
        "run.plot()",
    )
    run = execute_notebook(notebook, tmp_path / "html")
    assert run.ok, f"the notebook failed (see {run.html}):\n{run.error}"
    # One figure a cell, by title: the scatter, the finished live plot, run.plot().
    expected = ["moons: x2 against x1", "Training: 5 epochs", "Training history"]

    graphs, context = open_export(browser, run.html, len(expected), "exported-notebook.png")
    titles = [str(g["title"]) for g in graphs]
    assert len(graphs) == len(expected), f"expected {len(expected)} figures, found {len(graphs)}: {titles}. {context}"
    for graph, title in zip(graphs, expected):
        assert str(graph["title"]).startswith(title), f"expected a figure titled '{title}...', got {titles}. {context}"
    assert_all_drawn(graphs, context)
