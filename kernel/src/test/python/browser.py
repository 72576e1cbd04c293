"""Headless Chromium for the tests that look at plots the way a person does.

Chromium is Debian's package, driven by Playwright (install/lib.sh, setup_browser); no browser is
ever downloaded. Pages get no network: every request outside the prefixes a test allows is
aborted and logged. Screenshots go to build/screenshots/.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

try:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright
except ImportError:  # launch() says what to do
    sync_playwright = None
    PlaywrightError = Exception

ROOT = Path(__file__).resolve().parents[4]
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

# Every Plotly graph of the page: its title, its traces' names and point counts (an image trace
# drawn from a picture counts as one point), and whether each y value is a finite number.
GRAPHS_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el => ({
    title: (el.layout && el.layout.title && (el.layout.title.text || el.layout.title)) || '',
    traces: (el.data || []).map(t => ({
        name: t.name || '',
        points: t.source ? 1 : Math.max((t.x || []).length, (t.z || []).length, (t.y || []).length),
        numeric: (t.y || []).every(v => typeof v === 'number' && isFinite(v)),
    })),
}))"""


@dataclass
class PageLog:
    """What a page said while the test drove it, for failure messages."""

    errors: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))

    def unexpected_errors(self) -> list[str]:
        """Errors other than the refusals of blocked requests.

        nbconvert's page template asks a CDN for require.js and MathJax; refusing those is the
        point of testing offline. Anything else (plotly.js failing to unpack, a figure's script
        throwing) is a failure.
        """
        refused = "Failed to load resource: net::ERR_FAILED"
        return [e for e in self.errors if refused not in e]

    def __str__(self) -> str:
        lines = self.errors + [f"blocked request: {url}" for url in self.blocked]
        return "\n".join(lines) if lines else "(no console errors)"


@contextmanager
def launch(profile: Path) -> Iterator:
    """Headless Chromium with a fresh profile in ``profile``; fails the test with advice if it is missing."""
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
            str(profile),
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
    """Saves a screenshot as build/screenshots/``name`` (which may hold a subfolder)."""
    path = SCREENSHOTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=full_page)
    return path


def open_export(browser, html: Path, figures: int, shot_name: str) -> tuple[list[dict], str]:
    """Opens an nbconvert export offline, waits for ``figures`` Plotly graphs, and screenshots it.

    Returns the graphs (as GRAPHS_JS describes them) and a context line for failure messages.
    Fails the test when a figure asks the network for plotly.js or the page reports an error.
    """
    page, log = new_page(browser, ("file://",))
    with reported(page, log, shot_name.replace(".png", "-failure.png")):
        page.goto(html.as_uri())
        page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot').length >= {figures}",
                               timeout=60_000)
        page.wait_for_timeout(500)  # lets plotly finish its last layout pass before the screenshot
        shot = screenshot(page, shot_name, full_page=True)
        graphs = page.evaluate(GRAPHS_JS)
        context = f"screenshot {shot}; HTML {html}; page log:\n{log}"
        assert not [url for url in log.blocked if "plotly" in url.lower()], \
            f"a figure asked the network for plotly.js. {context}"
        assert not log.unexpected_errors(), f"the page reported errors. {context}"
    return graphs, context


def assert_all_drawn(graphs: list[dict], context: str) -> None:
    """Every graph has traces, and every trace has points."""
    for graph in graphs:
        assert graph["traces"], f"figure '{graph['title']}' has no traces. {context}"
        for trace in graph["traces"]:
            assert trace["points"] > 0, f"trace '{trace['name']}' of '{graph['title']}' has no points. {context}"
