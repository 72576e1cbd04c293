"""End-to-end: libraries in cells (%maven, @file:DependsOn, %jars) through a real jupyter_client.

Everything resolves from folders the test builds: a remote repository reached by a file: URL, an
empty folder standing in for Maven Central (-Dmaven.repo.central), and a fresh local repository
(-Dmaven.repo.local), both named in MAVEN_OPTS as a user would. No network is used.
"""
from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from maven_repository import MavenRepository, compile_jar
from perceptron_client import Kernel

WORDS = 'package test.words; public class Words { public static String word() { return "cells"; } }'
GREETING = ('package test.greeting; public class Greeting { public static String hello(String who) '
            '{ return "hello, " + who + " and " + test.words.Words.word(); } }')
SHOUT = ('package test.shout; public class Shout { public static String loud(String text) '
         '{ return text.toUpperCase() + "!" + test.words.Words.word().length(); } }')


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path | MavenRepository]:
    root = tmp_path_factory.mktemp("maven")
    remote = MavenRepository(root / "remote")
    remote.publish("io.perceptron.test:words:1.0", {"test.words.Words": WORDS})
    remote.publish("io.perceptron.test:greeting:1.0", {"test.greeting.Greeting": GREETING},
                   ["io.perceptron.test:words:1.0"])
    remote.publish("io.perceptron.test:shout:1.0", {"test.shout.Shout": SHOUT}, ["io.perceptron.test:words:1.0"])
    # Another version of a library the kernel provides (commons-math3 3.6.1 comes with Tablesaw).
    remote.publish("org.apache.commons:commons-math3:3.5",
                   {"org.apache.commons.math3.Old": "package org.apache.commons.math3; public class Old {}"})
    central = root / "central"
    central.mkdir()
    settings = root / "settings.xml"
    settings.write_text("<settings/>\n")
    return {"remote": remote, "central": central, "local": root / "local", "settings": settings, "root": root}


@pytest.fixture(scope="module")
def kernel(places) -> Iterator[Kernel]:
    """A kernel whose Maven sees only the test's folders: the user's own settings and repository stay untouched."""
    env = dict(os.environ)
    env["MAVEN_OPTS"] = f"-Dmaven.repo.local={places['local']} -Dmaven.repo.central={places['central'].as_uri()}"
    env["MAVEN_ARGS"] = f"-s {places['settings']}"
    started = Kernel.start(env=env)
    try:
        yield started
    finally:
        started.shutdown()


def test_maven_adds_an_artifact_and_what_it_depends_on_for_the_next_cells(kernel: Kernel, places) -> None:
    remote = places["remote"]

    added = kernel.execute(f"%maven --repo {remote.url} io.perceptron.test:greeting:1.0")

    assert added.status == "ok", added.reply["content"]
    out = added.stream()
    assert f"Downloaded greeting-1.0.jar (" in out and f"from {remote.url}\n" in out, out
    assert "Added to the cell class path: greeting-1.0.jar, words-1.0.jar." in out, out
    assert kernel.execute('test.greeting.Greeting.hello("notebook")').result() == "hello, notebook and cells"
    assert kernel.execute("test.words.Words.word().length").result() == "5", "the dependency came with it"
    assert (places["local"] / "io/perceptron/test/words/1.0/words-1.0.jar").exists(), "kept in the local repository"


def test_depends_on_in_a_kotlin_cell_works_in_that_cell_and_the_next(kernel: Kernel, places) -> None:
    cell = kernel.execute(
        f'@file:Repository("{places["remote"].url}")\n'
        '@file:DependsOn("io.perceptron.test:shout:1.0")\n'
        'import test.shout.Shout\n'
        'Shout.loud("quiet")')

    assert cell.status == "ok", cell.reply["content"]
    assert cell.result() == "QUIET!5"
    assert "Added to the cell class path: shout-1.0.jar." in cell.stream(), cell.stream()
    assert kernel.execute('test.shout.Shout.loud("again")').result() == "AGAIN!5"


def test_a_missing_artifact_says_what_was_tried_and_the_kernel_keeps_its_state(kernel: Kernel, places) -> None:
    assert kernel.execute("val before = 41").status == "ok"

    missing = kernel.execute(f"%maven --repo {places['remote'].url} io.perceptron.test:nowhere:1.0")

    assert missing.status == "error"
    error = missing.error
    assert error["ename"] == "DependencyError"
    message = error["evalue"]
    assert message.startswith(f"Could not resolve io.perceptron.test:nowhere:1.0: it is not in the local repository "
                              f"{places['local']} (set by -Dmaven.repo.local in MAVEN_OPTS)"), message
    assert f"\n  {places['remote'].url}: not found" in message, message
    assert f"\n  central ({places['central'].as_uri()}): not found" in message, message
    assert "What to do: check the group, artifact and version for a typo" in message, message
    assert kernel.execute("before + 1").result() == "42"


def test_a_malformed_coordinate_is_refused_with_the_form_to_use(kernel: Kernel) -> None:
    cell = kernel.execute("%maven commons-csv")

    assert cell.status == "error"
    assert cell.error["evalue"].startswith("'commons-csv' is not a Maven coordinate: it has no ':' between group, "
                                           "artifact and version. Write group:artifact:version"), cell.error["evalue"]
    assert kernel.execute("1 + 1").result() == "2"


def test_another_version_of_a_library_the_kernel_provides_is_reported_not_loaded(kernel: Kernel, places) -> None:
    cell = kernel.execute(f"%maven --repo {places['remote'].url} org.apache.commons:commons-math3:3.5")

    assert cell.status == "ok", cell.reply["content"]
    assert ("org.apache.commons:commons-math3 3.5 requested; the kernel provides 3.6.1, which cells keep using."
            in cell.stream()), cell.stream()
    assert kernel.execute("org.apache.commons.math3.util.FastMath.sqrt(16.0)").result() == "4.0"
    assert kernel.execute("Class.forName(\"org.apache.commons.math3.Old\")").status == "error", "3.5 stayed out"


def test_jars_adds_a_local_jar(kernel: Kernel, places) -> None:
    jar = compile_jar(places["root"] / "lib" / "tool.jar",
                      {"test.tool.Tool": "package test.tool; public class Tool { public static int answer() { return 42; } }"})

    added = kernel.execute(f"%jars {jar.parent}/*.jar")

    assert added.status == "ok", added.reply["content"]
    assert added.stream() == "Added to the cell class path: tool.jar.\n"
    assert kernel.execute("test.tool.Tool.answer()").result() == "42"


def test_help_lists_maven_and_jars(kernel: Kernel) -> None:
    help_text = kernel.execute("%help").stream()

    assert "%maven" in help_text and "%jars" in help_text and "@file:DependsOn" in help_text, help_text


def test_an_unreachable_repository_fails_at_once_with_what_to_do_offline(kernel: Kernel) -> None:
    # A loopback port nobody listens on: the connection is refused, as with no network at all.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    unreachable = f"http://127.0.0.1:{port}/maven2"

    started = time.monotonic()
    cell = kernel.execute(f"%maven --repo {unreachable} io.perceptron.test:elsewhere:1.0", timeout=120)
    took = time.monotonic() - started

    assert cell.status == "error"
    message = cell.error["evalue"]
    assert f"\n  {unreachable}: could not be reached (" in message, message
    assert "Without a network, put the library into the local repository first" in message, message
    print(f"an unreachable repository's miss took {took:.2f} s")
    assert kernel.execute("1 + 2").result() == "3"
