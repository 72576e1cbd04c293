#!/usr/bin/env bash
# Image folders benchmark (not a test): images per second trained from a folder of 5,000 64x64 JPEG
# files, decoded a batch at a time on a background thread while the previous batch trains, against
# the same pictures preloaded in memory, in one process (dsl/.../bench/ImageFolderBenchmark.java).
# Goal: training from the folder within 1.2 times the time from memory.
#
#   install/bench-images.sh                 measure, write build/bench/images.md and put it into BENCHMARKS.md
#   install/bench-images.sh --section FILE  measure and write the section to FILE only (install/bench.sh uses this)
#   install/bench-images.sh --rounds N      measured rounds (default 5: N epochs from each side, alternating)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

section="$ROOT/build/bench/images.md"
update=true
rounds=5
while [ $# -gt 0 ]; do
    case "$1" in
        --section) shift; section="$(realpath -m "${1:?--section needs a file name}")"; update=false ;;
        --rounds) shift; rounds="${1:?--rounds needs a number}" ;;
        *) die "unknown option $1; see the top of install/bench-images.sh" ;;
    esac
    shift
done

require_tools
mkdir -p "$ROOT/build/bench"
say "Compiling the DSL and its benchmark programs (mvn test-compile)"
maven -q -pl dsl test-compile dependency:build-classpath \
    -Dmdep.outputFile="$TARGET_NAME/bench-classpath.txt" -Dmdep.includeScope=test
dsl="$ROOT/dsl/$TARGET_NAME"
folder="$ROOT/build/bench/image-folder"     # the pictures are drawn once and reused
log="$ROOT/build/bench/images.log"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
say "Image folders: $rounds epochs from the folder and $rounds from memory, alternating"
OPT_OUT_TRACKING=true "$(java_binary)" -Dai.djl.offline=true -Djava.awt.headless=true -Xss4m \
    -cp "$dsl/test-classes:$dsl/classes:$(cat "$dsl/bench-classpath.txt")" \
    io.perceptron.dsl.bench.ImageFolderBenchmark "$rounds" "$folder" | tee "$log"
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

read -r _ count measured decode_s folder_s memory_s decode_rate < <(grep '^RESULT ' "$log")
python3 - "$section" "$count" "$measured" "$folder_s" "$memory_s" "$decode_rate" "$load_before" "$load_after" \
    "$(nproc)" "$("$(java_binary)" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')" <<'PY'
import sys
section, count, rounds, folder_s, memory_s, decode_rate, before, after, cores, java = sys.argv[1:]
count, folder_s, memory_s = int(count), float(folder_s), float(memory_s)
ratio = folder_s / memory_s
lines = [
    "## Image folders",
    "",
    f"Training a small CNN (conv 8, pool, conv 16, pool, dense 3; batch 32, one engine thread) on {count:,} "
    "JPEG pictures of 64x64 pixels (`install/bench-images.sh`, `dsl/.../bench/ImageFolderBenchmark.java`): from "
    "the folder, each batch decoded on the background thread while the previous one trains, against the same "
    f"pictures loaded into memory first; one process, epochs alternating, median of {rounds} epochs each.",
    "",
    "| | seconds per epoch | images per second |",
    "| --- | --- | --- |",
    f"| from the folder | {folder_s:.2f} | {count / folder_s:,.0f} |",
    f"| from memory | {memory_s:.2f} | {count / memory_s:,.0f} |",
    "",
    f"Folder / memory: **{ratio:.3f}** (goal ≤ 1.2: {'met' if ratio <= 1.2 else 'missed'}). Decoding alone, on one "
    f"thread: {float(decode_rate):,.0f} pictures per second. Measured on {cores} cores (Java {java}), shared with "
    f"other work: load average {before} before, {after} after.",
    "",
]
open(section, "w").write("\n".join(lines))
PY
say "Wrote $section"

if $update; then
    python3 - "$ROOT/BENCHMARKS.md" "$section" <<'PY'
import re, sys
report, section = sys.argv[1:]
text = open(report).read()
new = open(section).read().rstrip() + "\n\n"
pattern = re.compile(r"## Image folders\n.*?(?=\n## |\Z)", re.S)
if pattern.search(text):
    text = pattern.sub(lambda _: new.rstrip() + "\n", text)
else:
    marker = "## Where Perceptron is behind"
    text = text.replace(marker, new + marker, 1) if marker in text else text.rstrip() + "\n\n" + new
open(report, "w").write(text)
PY
    say "Updated BENCHMARKS.md"
fi
