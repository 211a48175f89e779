#!/bin/sh
# Screenshots of every main screen into docs/screenshots (make screenshots).
# Starts a private Xvfb, so it runs on a headless machine too; the app works
# in a throw-away CRISIS_BINDER_HOME and opens the demo binder.
set -eu
PY=${1:-.venv/bin/python}
OUT=${2:-docs/screenshots}
mkdir -p "$OUT"
if ! command -v Xvfb >/dev/null 2>&1; then
    echo "Xvfb is needed (apt-get install xvfb)" >&2
    exit 1
fi
DISPLAY_NUM=99
while [ -e "/tmp/.X11-unix/X$DISPLAY_NUM" ] || [ -e "/tmp/.X$DISPLAY_NUM-lock" ]; do
    DISPLAY_NUM=$((DISPLAY_NUM + 1))
done
Xvfb ":$DISPLAY_NUM" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 &
XVFB_PID=$!
trap 'kill "$XVFB_PID" 2>/dev/null || true' EXIT INT TERM
sleep 1
export DISPLAY=":$DISPLAY_NUM"
export QT_QPA_PLATFORM=xcb
unset QT_SCALE_FACTOR
"$PY" -m ui.screenshots "$OUT"
"$PY" -m ui.screenshots "$OUT" --dark
# High-DPI check: the whole UI at twice the scale (one screen is enough).
QT_SCALE_FACTOR=2 "$PY" -m ui.screenshots "$OUT" --hidpi
echo "screenshots written to $OUT"
