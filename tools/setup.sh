#!/usr/bin/env bash
# Brings a Debian 12 machine (as root) to the point where the kiosk demo and
# the test suite run: Debian packages first, then a virtualenv in .venv with
# the project installed in editable mode. Safe to run again: it only acts on
# what is missing or changed, and then says nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
    # Python toolchain for the venv and for pyscard, which builds from source
    python3 python3-venv python3-dev gcc swig
    # PC/SC: the daemon, its client library and the virtual reader driver
    pcscd libpcsclite-dev vsmartcard-vpcd
    # Qt's runtime needs on a bare system (offscreen, xcb under Xvfb, virtual keyboard)
    libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
    libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
    libpulse0
    # Chinese glyphs on screen and in the printer emulator's renders
    fonts-noto-cjk
    # the reference central's A4 documents: a CJK font whose TrueType outlines reportlab
    # embeds (Noto CJK's are CFF, which it cannot), and pdffonts/pdftoppm to check them
    fonts-wqy-microhei poppler-utils
    # A real window without a monitor, for screenshots
    xvfb
    # kiosk.service: the compositor it starts, and systemd-analyze to check the unit
    cage systemd
    # tests: a `kiosk` command run under a shifted system clock (libfaketime)
    faketime
    # tests: the spool's flushes read off its system calls
    strace
    # tests and bench.power_cut: a FUSE disk that loses power (libfuse3 for mfusepy, and
    # fusermount3 to unmount it)
    fuse3 libfuse3-3
    # the A4 printer: libcups's headers for pycups; a cupsd, its client tools and the
    # cups-pdf virtual printer for the tests, the bench and the demo
    libcups2-dev cups-daemon cups-client printer-driver-cups-pdf
)

missing=()
for pkg in "${apt_packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup: these Debian packages are missing and installing them needs root: ${missing[*]}" >&2
        exit 1
    fi
    echo "setup: installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# vsmartcard-vpcd's virtual reader listens on the fixed ports 35963-35964 (0x8C7B in
# /etc/reader.conf.d/vpcd), which lie inside Linux's ephemeral range, and binds them without
# SO_REUSEADDR: a loopback client that was handed one of them as its own port (the tests
# open thousands) leaves a TIME_WAIT for a minute in which the reader cannot start. Keep
# them out of the ephemeral range (until the next boot; set-up runs before every test run).
vpcd_ports=35963-35964
reserved=/proc/sys/net/ipv4/ip_local_reserved_ports
if [ -r "$reserved" ] && ! grep -q "$vpcd_ports" "$reserved"; then
    if [ -w "$reserved" ]; then
        current=$(cat "$reserved")
        echo "${current:+$current,}$vpcd_ports" > "$reserved"
    else
        echo "setup: cannot reserve ports $vpcd_ports for the virtual card reader (needs" \
             "root); the smart-card tests may fail now and then" >&2
    fi
fi

python=${KIOSK_PYTHON:-python3}
# test: the suite's tools; bench: the baselines `python -m bench` measures against;
# mutation: `python -m bench.mutation`
extras="test,bench,mutation"
stamp=.venv/.installed-from
wanted=$({ echo "$extras"; cat pyproject.toml; } | sha256sum | cut -d' ' -f1)
if [ ! -x .venv/bin/python ] || [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "setup: preparing .venv (first run takes a few minutes)"
    [ -x .venv/bin/python ] || "$python" -m venv .venv
    log=.venv/setup-pip.log
    if ! { .venv/bin/python -m pip install --disable-pip-version-check --upgrade pip \
            && .venv/bin/python -m pip install --disable-pip-version-check -e ".[$extras]"; } >"$log" 2>&1; then
        tail -n 40 "$log" >&2
        echo "setup: pip failed; the whole log is in $log" >&2
        exit 1
    fi
    echo "$wanted" > "$stamp"
fi

# The kiosk's own modules are installed editable, so pip compiled none of them, and under
# kiosk.service (ProtectSystem=strict) Python cannot write __pycache__ beside them: every
# start would compile them all again before the first frame. Compile them here, at every
# set-up (only what changed is compiled again).
.venv/bin/python -m compileall -q config drivers kiosk offline_queue ui central >/dev/null
