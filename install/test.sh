#!/usr/bin/env bash
# The one test command: builds everything, runs the Java unit tests of every module (mvn verify),
# then the end-to-end tests that drive the installed kernel through a real Jupyter client, the
# jupyter_kernel_test conformance suite, the tutorial notebooks and the browser tests (JupyterLab
# and nbconvert exports drawn in headless Chromium). Needs no network once the Maven and pip
# caches are filled and Debian's chromium is installed. The end-to-end kernel tests run on the
# kernel's JDK and again on a second one where there is one (JDK 17 beside a newer one, or a JDK
# 21+ beside 17: found in /usr/lib/jvm, or named by PERCEPTRON_SECOND_JDK).
#
#   install/test.sh                  everything
#   install/test.sh -k interrupt     extra arguments go to pytest (here: only tests named *interrupt*)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

require_tools
# The Python environment first: the Java tests read the data sets and the pretrained model installed in it
# (Datasets.digits(), Pretrained.load("all-MiniLM-L6-v2")).
setup_venv
say "Java unit tests of every module (mvn verify)"
maven verify
assemble_kernel
setup_browser
register_kernelspec
register_second_kernelspec

say "End-to-end tests through jupyter_client (pytest)"
cd "$ROOT"
"$VENV/bin/python" -m pytest -p no:cacheprovider "$@" kernel/src/test/python
