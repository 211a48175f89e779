"""Render the app icon from resources/icons/crisis-binder.svg.

    python packaging/icons/make_icons.py

writes
    resources/icons/hicolor/<N>x<N>/apps/crisis-binder.png   N = 16 32 48 64 128 256 512
    packaging/windows/crisis-binder.ico                      16 24 32 48 64 128 256
    packaging/macos/crisis-binder.icns                       16 .. 1024 (PNG entries)

Rendering uses rsvg-convert (Debian/Ubuntu: librsvg2-bin), else ImageMagick.
The .ico is written by ImageMagick (BMP entries for the small sizes, which
old Windows shells need). The .icns is written here: a modern .icns is a
list of PNG entries, exactly what ``iconutil -c icns`` makes from an
.iconset, so no macOS tool is needed. The outputs are committed; run this
again only when the SVG changes.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SVG = ROOT / "resources" / "icons" / "crisis-binder.svg"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"
ICO = ROOT / "packaging" / "windows" / "crisis-binder.ico"
ICNS = ROOT / "packaging" / "macos" / "crisis-binder.icns"

PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# (OSType, pixel size) of the PNG-based icns entries iconutil writes.
ICNS_ENTRIES = (
    ("icp4", 16), ("icp5", 32), ("icp6", 64), ("ic07", 128), ("ic08", 256),
    ("ic09", 512), ("ic10", 1024), ("ic11", 32), ("ic12", 64), ("ic13", 256), ("ic14", 512),
)


def render(size: int, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    if shutil.which("rsvg-convert"):
        cmd = ["rsvg-convert", "-w", str(size), "-h", str(size), "-o", str(out), str(SVG)]
    elif shutil.which("convert"):
        cmd = ["convert", "-background", "none", "-density", str(max(72, size * 72 // 256 * 4)),
               str(SVG), "-resize", f"{size}x{size}", str(out)]
    else:
        sys.exit("need rsvg-convert (apt-get install librsvg2-bin) or ImageMagick")
    subprocess.run(cmd, check=True)
    # Drop timestamps and other ancillary chunks so re-rendering is byte-stable.
    out.write_bytes(strip_png(out.read_bytes()))


def strip_png(data: bytes) -> bytes:
    keep = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"}
    out, pos = [data[:8]], 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        chunk = data[pos:pos + 12 + length]
        if kind in keep:
            out.append(chunk)
        pos += 12 + length
    return b"".join(out)


def write_icns(pngs: dict[int, bytes], out: Path) -> None:
    body = b"".join(struct.pack(">4sI", kind.encode(), 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_ENTRIES)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(struct.pack(">4sI", b"icns", 8 + len(body)) + body)


def main() -> None:
    for size in PNG_SIZES:
        render(size, HICOLOR / f"{size}x{size}" / "apps" / "crisis-binder.png")
    with tempfile.TemporaryDirectory() as tmp:
        rendered: dict[int, bytes] = {}
        for size in sorted(set(ICO_SIZES) | {s for _, s in ICNS_ENTRIES}):
            path = Path(tmp) / f"{size}.png"
            render(size, path)
            rendered[size] = path.read_bytes()
        if not shutil.which("convert"):
            sys.exit("need ImageMagick's convert for the .ico")
        ICO.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["convert", *(str(Path(tmp) / f"{s}.png") for s in ICO_SIZES), str(ICO)],
                       check=True)
        write_icns(rendered, ICNS)
    print(f"wrote {HICOLOR.relative_to(ROOT)}/*, {ICO.relative_to(ROOT)}, {ICNS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
