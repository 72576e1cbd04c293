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
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

import perceptron_client  # noqa: F401  (points Jupyter at the venv's kernelspec first)

ROOT = Path(__file__).resolve().parents[4]
sys.path.insert(0, str(ROOT / "install"))
from notebooks import execute_notebook  # noqa: E402

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:  # the browser fixture says what to do
    sync_playwright = None
    PlaywrightError = Exception

CHROMIUM = Path(os.environ.get("PERCEPTRON_CHROMIUM", "/usr/bin/chromium"))
# Quiet and offline: no updates, sync or first-run pages; the GPU is absent in containers.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "build" / "screenshots"
EPOCHS = 15
DATA_CELL = 'val data = Datasets.moons(400, 0.2, 42)\nPlot.scatter(data, "x1", "x2", "label")'
TRAINING_CELL = f"""\
val model = Model.sequential().input(2).dense(16).relu().dense(2)
model.fit(data).features("x1", "x2").label("label").epochs({EPOCHS}).batchSize(8)
    .validationSplit(0.2).seed(1).train()"""

# Every Plotly graph of the page: its traces' names and point counts, and whether each point is a number.
GRAPHS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
    title: (el.layout && el.layout.title && (el.layout.title.text || el.layout.title)) || '',
    traces: (el.data || []).map(t => ({
        name: t.name || '',
        points: Math.max((t.x || []).length, (t.z || []).length, (t.y || []).length),
        numeric: (t.y || []).every(v => typeof v === 'number' && isFinite(v)),
    })),
}))"""

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


@dataclass
class PageLog:
    """What a page said while the test drove it, for failure messages."""

    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def __str__(self) -> str:
        lines = self.errors + [f"blocked request: {url}" for url in self.blocked]
        return "\n".join(lines) if lines else "(no console errors)"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """Headless Chromium with a fresh profile, shared by this module's tests."""
    if sync_playwright is None:
        pytest.fail(f"The browser tests need Playwright, which {sys.executable} lacks. Run install/test.sh "
                    "(it installs install/requirements.txt into .venv) and run pytest with .venv/bin/python.")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM}, which is missing. Run install/test.sh "
            "(it installs Debian's chromium package) or set PERCEPTRON_CHROMIUM to a Chromium binary."
        )
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=str(CHROMIUM),
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def new_page(browser, allowed_prefixes: tuple[str, ...]) -> tuple[object, PageLog]:
    """A page whose requests outside ``allowed_prefixes`` are aborted, so nothing comes from the network."""
    page = browser.new_page()
    log = PageLog()
    log.watch(page)

    def route(r) -> None:
        if r.request.url.startswith(allowed_prefixes):
            r.continue_()
        else:
            log.blocked.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return page, log


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


@contextmanager
def reported(page, log: PageLog, failure_screenshot: str) -> Iterator[None]:
    """Closes the page afterwards; a wait that times out fails with a screenshot and the page's log."""
    try:
        yield
    except PlaywrightError as error:
        shot = screenshot(page, failure_screenshot)
        pytest.fail(f"{error.message}\nscreenshot {shot}\npage log:\n{log}")
    finally:
        page.close()


def screenshot(page, name: str, full_page: bool = False) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    page.screenshot(path=str(path), full_page=full_page)
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

    page, log = new_page(browser, ("file://",))
    with reported(page, log, "exported-notebook-failure.png"):
        page.goto(run.html.as_uri())
        page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length >= {len(expected)}",
                               timeout=30_000)
        page.wait_for_timeout(500)
        shot = screenshot(page, "exported-notebook.png", full_page=True)
        graphs = page.evaluate(GRAPHS_JS)
        context = f"screenshot {shot}; HTML {run.html}; page log:\n{log}"
        titles = [str(g["title"]) for g in graphs]
        assert len(graphs) == len(expected), f"expected {len(expected)} figures, found {len(graphs)}: {titles}. {context}"
        for graph, title in zip(graphs, expected):
            assert str(graph["title"]).startswith(title), f"expected a figure titled '{title}...', got {titles}. {context}"
            assert graph["traces"], f"figure '{graph['title']}' has no traces. {context}"
            for trace in graph["traces"]:
                assert trace["points"] > 0, f"trace '{trace['name']}' of '{graph['title']}' has no points. {context}"
        # nbconvert's page template asks a CDN for require.js and MathJax; those refusals are expected.
        # Anything else (plotly.js failing to unpack, a figure's script throwing) is a failure.
        assert not [url for url in log.blocked if "plotly" in url.lower()], f"a figure asked the network for plotly.js. {context}"
        refused = "Failed to load resource: net::ERR_FAILED"
        errors = [e for e in log.errors if refused not in e]
        assert not errors, f"the page reported errors. {context}"
