"""A Maven repository in a folder, built by the end-to-end tests: jars compiled with javac and POMs.

The kernel resolves from it through a file: URL, so the dependency tests need no network.
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from jupyter_client.kernelspec import KernelSpecManager

from perceptron_client import KERNEL_NAME


def javac() -> str:
    """The javac beside the java the perceptron kernelspec runs, else the one on PATH."""
    java = Path(KernelSpecManager().get_kernel_spec(KERNEL_NAME).argv[0])
    beside = java.parent / "javac"
    found = str(beside) if beside.exists() else shutil.which("javac")
    assert found, f"no javac beside {java} or on PATH: the dependency tests compile small jars with it"
    return found


def compile_jar(jar: Path, sources: dict[str, str], class_path: list[Path] = ()) -> Path:
    """Compiles Java ``sources`` (class name to source) against ``class_path`` into ``jar``."""
    with tempfile.TemporaryDirectory() as work:
        src, classes = Path(work, "src"), Path(work, "classes")
        files = []
        for name, source in sources.items():
            file = src / (name.replace(".", "/") + ".java")
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(source)
            files.append(str(file))
        command = [javac(), "--release", "17", "-d", str(classes)]
        if class_path:
            command += ["-cp", ":".join(str(p) for p in class_path)]
        subprocess.run(command + files, check=True, capture_output=True, text=True)
        jar.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(jar, "w") as archive:
            for file in sorted(classes.rglob("*.class")):
                archive.write(file, file.relative_to(classes).as_posix())
    return jar


class MavenRepository:
    """A folder laid out as a Maven repository: group/path/artifact/version/artifact-version.{jar,pom}."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return self.root.as_uri() + "/"

    def publish(self, coordinate: str, sources: dict[str, str], dependencies: list[str] = ()) -> Path:
        """Publishes ``coordinate`` (group:artifact:version) built from ``sources``, depending on ``dependencies``."""
        group, artifact, version = coordinate.split(":")
        folder = self.root / group.replace(".", "/") / artifact / version
        class_path = [self.jar_of(dependency) for dependency in dependencies]
        jar = compile_jar(folder / f"{artifact}-{version}.jar", sources, class_path)
        listed = "".join(
            f"<dependency><groupId>{g}</groupId><artifactId>{a}</artifactId><version>{v}</version></dependency>"
            for g, a, v in (d.split(":") for d in dependencies))
        pom = folder / f"{artifact}-{version}.pom"
        pom.write_text(
            '<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>'
            f"<groupId>{group}</groupId><artifactId>{artifact}</artifactId><version>{version}</version>"
            f"<dependencies>{listed}</dependencies></project>\n")
        for file in (jar, pom):
            file.with_name(file.name + ".sha1").write_text(hashlib.sha1(file.read_bytes()).hexdigest())
        return jar

    def jar_of(self, coordinate: str) -> Path:
        group, artifact, version = coordinate.split(":")
        return self.root / group.replace(".", "/") / artifact / version / f"{artifact}-{version}.jar"
