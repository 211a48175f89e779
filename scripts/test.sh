#!/bin/sh
# Runs the whole suite headless. Where gnome-keyring and D-Bus are installed,
# the run happens inside a private D-Bus session with an unlocked keyring so
# the real Secret Service integration test runs too (docs/SECURITY.md).
set -eu
PY=${1:-.venv/bin/python}
export QT_QPA_PLATFORM=offscreen
shift || true
if command -v dbus-run-session >/dev/null 2>&1 && command -v gnome-keyring-daemon >/dev/null 2>&1; then
    GK=$(mktemp -d)
    mkdir -p "$GK/home" "$GK/run" && chmod 700 "$GK/run"
    status=0
    env HOME="$GK/home" XDG_RUNTIME_DIR="$GK/run" XDG_DATA_HOME="$GK/home/.local/share" \
        CRISIS_BINDER_SECRETSERVICE_TEST=1 \
        dbus-run-session -- sh -c 'printf %s test-keyring-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$0" -m pytest "$@"' "$PY" "$@" || status=$?
    rm -rf "$GK"
    exit $status
fi
echo "note: gnome-keyring or dbus-run-session missing; the Secret Service test will be skipped" >&2
exec "$PY" -m pytest "$@"
