"""A small driver for the installed perceptron kernel over a real jupyter_client connection.

Shared by the end-to-end tests and the benchmark. It starts the kernel from the kernelspec that
install/lib.sh registered in .venv (or from one of the tests' own kernelspecs, such as the kernel on
a second JDK), sends requests, and collects each request's reply and IOPub messages with the time
each arrived.
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty
from typing import Any

import zmq

# Jupyter looks in the user's folders before the venv's; the venv's kernelspec must win.
_VENV_SHARE = str(Path(sys.prefix) / "share" / "jupyter")
if _VENV_SHARE not in os.environ.get("JUPYTER_PATH", "").split(os.pathsep):
    os.environ["JUPYTER_PATH"] = os.pathsep.join(p for p in (_VENV_SHARE, os.environ.get("JUPYTER_PATH")) if p)

from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel  # noqa: E402  (after JUPYTER_PATH is set)
from jupyter_client.manager import KernelManager  # noqa: E402

KERNEL_NAME = "perceptron"
# The same kernel with Java cells.
JAVA_KERNEL_NAME = "perceptron-java"
# Kernelspecs only the tests start, outside Jupyter's path (install/lib.sh, TEST_KERNELS): the kernel
# on a second JDK.
TEST_KERNELS = Path(sys.prefix) / "share" / "perceptron-tests" / "kernels"
STARTUP_TIMEOUT_S = 180
# Long enough not to spin, short enough to notice a timeout; a message wakes the poll at once.
POLL_MS = 100


@dataclass
class Arrival:
    """An IOPub message and when it arrived (time.monotonic())."""

    at: float
    msg: dict[str, Any]

    @property
    def type(self) -> str:
        return self.msg["header"]["msg_type"]

    @property
    def content(self) -> dict[str, Any]:
        return self.msg["content"]


@dataclass
class Exchange:
    """One request: its reply and the IOPub messages it caused, in arrival order."""

    msg_id: str
    sent_at: float
    reply: dict[str, Any] | None = None
    reply_at: float | None = None
    iopub: list[Arrival] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.reply["content"]["status"]

    def of_type(self, msg_type: str) -> list[Arrival]:
        return [a for a in self.iopub if a.type == msg_type]

    def stream(self, name: str = "stdout") -> str:
        return "".join(a.content["text"] for a in self.of_type("stream") if a.content["name"] == name)

    def result(self, mime: str = "text/plain") -> Any:
        results = self.of_type("execute_result")
        assert results, f"no execute_result; got {[a.type for a in self.iopub]} and reply {self.reply['content']}"
        return results[-1].content["data"].get(mime)

    @property
    def error(self) -> dict[str, Any]:
        errors = self.of_type("error")
        assert errors, f"no error message; got {[a.type for a in self.iopub]}"
        return errors[-1].content

    @property
    def idle(self) -> bool:
        return any(a.type == "status" and a.content["execution_state"] == "idle" for a in self.iopub)


@dataclass(frozen=True)
class KernelSpec:
    """A perceptron kernelspec to start: its name, the folder that holds it and its JDK."""

    name: str
    folder: Path | None  # None: found on Jupyter's path, as a front end finds it
    java_feature: int | None  # 17, 21, 25: the JDK it launches, from the metadata install/kernelspec.py writes

    @classmethod
    def read(cls, name: str, folder: Path | None = None) -> KernelSpec:
        try:
            metadata = cls(name, folder, None).specs().get_kernel_spec(name).metadata.get("perceptron", {})
        except NoSuchKernel:
            # Starting it will say so; reading it happens while pytest collects, too early to fail.
            metadata = {}
        return cls(name, folder, metadata.get("javaFeature"))

    def specs(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[str(self.folder)]) if self.folder else KernelSpecManager()

    @property
    def resource_dir(self) -> Path:
        """The folder holding its kernel.json."""
        return Path(self.specs().get_kernel_spec(self.name).resource_dir)

    @property
    def id(self) -> str:
        return f"jdk{self.java_feature}" if self.java_feature else self.name

    def manager(self) -> KernelManager:
        return KernelManager(kernel_name=self.name, kernel_spec_manager=self.specs())


def second_jdk_kernelspec(language: str = "kotlin") -> KernelSpec | None:
    """The kernel with ``language`` cells on a second JDK that install/test.sh registered, or None
    where there is no second JDK."""
    for path in sorted(TEST_KERNELS.glob("*/kernel.json")):
        spec = json.loads(path.read_text())
        if spec.get("language") == language:
            java_feature = spec.get("metadata", {}).get("perceptron", {}).get("javaFeature")
            return KernelSpec(path.parent.name, TEST_KERNELS, java_feature)
    return None


class Kernel:
    """A running perceptron kernel and a blocking client connected to it."""

    def __init__(self, manager: KernelManager, java_feature: int | None = None):
        self.manager = manager
        # The JDK the kernel runs on (17, 21, 25), for tests of what differs between JDKs.
        self.java_feature = java_feature
        # Requests sent and not fully answered yet, by message id: a message read while waiting for
        # one request is filed under the request it answers.
        self.pending: dict[str, Exchange] = {}
        # Messages that answer no request of ours, newest last: tests look here for strays.
        self.unclaimed: deque[dict[str, Any]] = deque(maxlen=1000)
        self.client = manager.client()
        self.client.start_channels()
        self.client.wait_for_ready(timeout=STARTUP_TIMEOUT_S)

    @classmethod
    def start(cls, spec: KernelSpec | None = None, env: dict[str, str] | None = None) -> Kernel:
        """Starts the kernel of ``spec``, by default the perceptron kernelspec a front end would start;
        ``env``, when given, is its whole environment (the kernelspec's is added)."""
        spec = spec or KernelSpec.read(KERNEL_NAME)
        manager = spec.manager()
        manager.start_kernel(**({"env": env} if env is not None else {}))
        return cls(manager, spec.java_feature)

    def execute(self, code: str, timeout: float = 120, **options: Any) -> Exchange:
        """Runs ``code`` and waits for its reply and its idle status."""
        return self.wait(self.submit(code, **options), timeout)

    def submit(self, code: str, **options: Any) -> Exchange:
        """Sends an execute request without waiting."""
        return self._track(Exchange(self.client.execute(code, **options), time.monotonic()))

    def request(self, method: str, *args: Any, timeout: float = 60, **kwargs: Any) -> Exchange:
        """Sends a shell request with the client's ``method`` (complete, inspect, history, ...)."""
        exchange = self._track(Exchange(getattr(self.client, method)(*args, **kwargs), time.monotonic()))
        return self.wait(exchange, timeout)

    def _track(self, exchange: Exchange) -> Exchange:
        self.pending[exchange.msg_id] = exchange
        return exchange

    def wait(self, exchange: Exchange, timeout: float = 120) -> Exchange:
        """Collects the reply and IOPub messages of ``exchange`` until its idle status."""
        deadline = time.monotonic() + timeout
        while exchange.reply is None or not exchange.idle:
            if time.monotonic() > deadline:
                raise TimeoutError(f"no complete answer to {exchange.msg_id} within {timeout} s: "
                                   f"reply={exchange.reply is not None}, iopub={[a.type for a in exchange.iopub]}")
            self._drain()
        self.pending.pop(exchange.msg_id, None)
        return exchange

    def wait_for_output(self, exchange: Exchange, msg_type: str, timeout: float = 60) -> Arrival:
        """Waits until ``exchange`` has caused an IOPub message of ``msg_type`` (say, execute_input)."""
        deadline = time.monotonic() + timeout
        while not exchange.of_type(msg_type):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {msg_type} for {exchange.msg_id} within {timeout} s")
            self._drain()
        return exchange.of_type(msg_type)[0]

    def _drain(self) -> None:
        """Waits briefly for a message on shell or IOPub and files it under the request it answers."""
        poller = zmq.Poller()
        channels = ((self.client.iopub_channel, False), (self.client.shell_channel, True))
        for channel, _ in channels:
            poller.register(channel.socket, zmq.POLLIN)
        ready = dict(poller.poll(POLL_MS))
        now = time.monotonic()
        for channel, is_reply in channels:
            if channel.socket not in ready:
                continue
            try:
                msg = channel.get_msg(timeout=0)
            except Empty:
                continue
            exchange = self.pending.get(msg["parent_header"].get("msg_id"))
            if exchange is None:
                self.unclaimed.append(msg)
            elif is_reply:
                exchange.reply, exchange.reply_at = msg, now
            else:
                exchange.iopub.append(Arrival(now, msg))

    def shutdown(self) -> None:
        self.client.stop_channels()
        self.manager.shutdown_kernel(now=False)
