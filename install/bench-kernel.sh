#!/usr/bin/env bash
# Measures the installed kernel: start to first cell result, and round trips of small cells.
#   install/bench-kernel.sh [--runs 50]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_all
exec "$VENV/bin/python" "$ROOT/kernel/src/test/python/bench_kernel.py" "$@"
