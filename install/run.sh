#!/usr/bin/env bash
# Builds the kernel, sets up .venv with JupyterLab, registers the Perceptron kernels (Kotlin, Java) there and
# opens JupyterLab on notebooks/. Safe and quick to run again.
#
#   install/run.sh              start JupyterLab on http://127.0.0.1:8888 (extra args go to jupyter lab)
#   install/run.sh --headless   execute every notebook instead and write HTML to build/notebooks/
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_all

if [ "${1:-}" = "--headless" ]; then
    shift
    say "Executing notebooks/*.ipynb (Kotlin) and notebooks/java/*.ipynb (Java) with their kernels"
    exec "$VENV/bin/python" "$ROOT/install/notebooks.py" --output "$ROOT/build/notebooks" "$@" "$ROOT"/notebooks/*.ipynb "$ROOT"/notebooks/java/*.ipynb
fi

lab_options=(--ip=127.0.0.1 --ServerApp.root_dir="$ROOT/notebooks")
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
[ "$(id -u)" -eq 0 ] && lab_options+=(--allow-root)
say "Starting JupyterLab on notebooks/ (Ctrl+C to stop)"
exec "$VENV/bin/jupyter" lab "${lab_options[@]}" "$@"
