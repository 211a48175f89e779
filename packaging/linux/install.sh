#!/bin/sh
# Install Crisis Binder for the current user from this unpacked folder:
# links the two programs into ~/.local/bin and adds the menu entry, icons
# and AppStream metadata under ~/.local/share. Nothing is copied out of
# this folder, so keep it where it is (or re-run after moving it).
#   ./install.sh             install
#   ./install.sh --uninstall remove what install added (your binder stays)
set -eu
HERE=$(CDPATH= cd -- "$(dirname -- "$0")" && pwd)
APP_ID=org.crisisbinder.CrisisBinder
BIN=${XDG_BIN_HOME:-$HOME/.local/bin}
DATA=${XDG_DATA_HOME:-$HOME/.local/share}

if [ "${1:-}" = "--uninstall" ]; then
    rm -f "$BIN/crisis-binder" "$BIN/crisis-binder-cli" \
          "$DATA/applications/$APP_ID.desktop" "$DATA/metainfo/$APP_ID.metainfo.xml"
    find "$DATA/icons/hicolor" -name "$APP_ID.*" -delete 2>/dev/null || true
    echo "Removed. Your binder and settings were not touched."
    exit 0
fi

mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo"
ln -sf "$HERE/crisis-binder" "$BIN/crisis-binder"
ln -sf "$HERE/crisis-binder-cli" "$BIN/crisis-binder-cli"
# Absolute Exec/TryExec, so the menu entry works even when ~/.local/bin is not on PATH.
sed -e "s|^Exec=crisis-binder|Exec=\"$HERE/crisis-binder\"|" \
    -e "s|^TryExec=crisis-binder|TryExec=$HERE/crisis-binder|" \
    "$HERE/share/applications/$APP_ID.desktop" > "$DATA/applications/$APP_ID.desktop"
cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$DATA/metainfo/"
(cd "$HERE/share" && find icons -name "$APP_ID.*" | while read -r f; do
    mkdir -p "$DATA/$(dirname "$f")"; cp "$f" "$DATA/$f"; done)
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" 2>/dev/null || true
echo "Installed: $BIN/crisis-binder, $BIN/crisis-binder-cli and the menu entry 'Crisis Binder'."
