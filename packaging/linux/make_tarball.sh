#!/bin/sh
# Wrap the PyInstaller bundle (dist/crisis-binder/) into
#   dist/crisis-binder-<version>-linux-<arch>.tar.gz
# with the desktop entry, AppStream metainfo, icons, README, LICENSE, a
# portable-mode note and install.sh. Run from anywhere after PyInstaller
# (make package does both). Reproducible: sorted names, fixed owner and
# mtime (SOURCE_DATE_EPOCH, else the last commit's time, else now).
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
PY=${PYTHON:-"$ROOT/.venv/bin/python"}
[ -x "$PY" ] || PY=python3
APP_ID=org.crisisbinder.CrisisBinder
BUNDLE="$ROOT/dist/crisis-binder"
[ -x "$BUNDLE/crisis-binder-cli" ] || { echo "make_tarball: $BUNDLE is missing; build it first (make package)" >&2; exit 1; }

VERSION=$(cd "$ROOT" && "$PY" -c 'import binder; print(binder.__version__)')
ARCH=$(uname -m)
NAME="crisis-binder-$VERSION-linux-$ARCH"
OUT="$ROOT/dist/$NAME.tar.gz"
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)
fi

STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
TOP="$STAGE/$NAME"
mkdir -p "$TOP"
cp -a "$BUNDLE/." "$TOP/"
rm -f "$TOP/.portable"          # never ship a developer's marker
rm -rf "$TOP/crisis-binder-data" # nor their portable data
cp "$ROOT/README.md" "$ROOT/LICENSE" "$TOP/"
cp "$ROOT/resources/fonts/LICENSE-DejaVu.txt" "$TOP/"
cp "$ROOT/packaging/linux/install.sh" "$TOP/install.sh"
chmod 755 "$TOP/install.sh"

SHARE="$TOP/share"
mkdir -p "$SHARE/applications" "$SHARE/metainfo" "$SHARE/icons/hicolor/scalable/apps"
cp "$ROOT/packaging/linux/$APP_ID.desktop" "$SHARE/applications/"
cp "$ROOT/packaging/linux/$APP_ID.metainfo.xml" "$SHARE/metainfo/"
cp "$ROOT/resources/icons/crisis-binder.svg" "$SHARE/icons/hicolor/scalable/apps/$APP_ID.svg"
for png in "$ROOT"/resources/icons/hicolor/*/apps/crisis-binder.png; do
    size=$(basename "$(dirname "$(dirname "$png")")")
    mkdir -p "$SHARE/icons/hicolor/$size/apps"
    cp "$png" "$SHARE/icons/hicolor/$size/apps/$APP_ID.png"
done

cat > "$TOP/PORTABLE.txt" <<'NOTE'
Portable mode (USB stick)
=========================

Create an empty file named .portable next to crisis-binder and
crisis-binder-cli:

    touch .portable            (Windows: type nul > .portable)

From then on the binder, the settings and the logs live in the folder
crisis-binder-data/ beside the programs, not in your home folder, so the
whole folder can be carried on a USB stick. Delete .portable to go back.
CRISIS_BINDER_HOME, when set, still wins over the marker.

The binder file is encrypted either way; the stick itself needs no
encryption for the binder's sake, but keep the Emergency Kit (recovery key)
somewhere else.
NOTE

mkdir -p "$ROOT/dist"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$STAGE" -cf - "$NAME" | gzip -9n > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
echo "$OUT ($(du -h "$OUT" | cut -f1))"
