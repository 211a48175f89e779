"""Packaging metadata that needs no build: desktop entry, AppStream, icons,
the PyInstaller spec, versions, and the one-module rule for the bundle path."""

from __future__ import annotations

import ast
import configparser
import plistlib
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import binder

ROOT = Path(__file__).resolve().parents[2]
PKG = ROOT / "packaging"
APP_ID = "org.crisisbinder.CrisisBinder"
DESKTOP = PKG / "linux" / f"{APP_ID}.desktop"
METAINFO = PKG / "linux" / f"{APP_ID}.metainfo.xml"
SPEC = PKG / "crisis-binder.spec"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_validates() -> None:
    tool = shutil.which("desktop-file-validate")
    if tool is None:
        pytest.skip("desktop-file-validate not installed (apt-get install desktop-file-utils)")
    proc = subprocess.run([tool, str(DESKTOP)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Hints are not failures for the tool, but we keep the file free of them too.
    assert proc.stdout.strip() == "", proc.stdout


def test_metainfo_validates_offline() -> None:
    tool = shutil.which("appstreamcli")
    if tool is None:
        pytest.skip("appstreamcli not installed (apt-get install appstream)")
    proc = subprocess.run([tool, "validate", "--no-net", str(METAINFO)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_desktop_entry_and_metainfo_agree() -> None:
    entry = _desktop()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "crisis-binder"
    assert entry["Icon"] == APP_ID
    assert entry["Terminal"] == "false"
    root = ET.parse(METAINFO).getroot()
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("name") == entry["Name"]
    binaries = {b.text for b in root.iter("binary")}
    assert binaries == {"crisis-binder", "crisis-binder-cli"}
    releases = [r.get("version") for r in root.iter("release")]
    assert releases and releases[0] == binder.__version__, \
        "add a <release> for the current version to the metainfo"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == PNG_MAGIC and data[12:16] == b"IHDR", f"{path} is not a PNG"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("size", PNG_SIZES)
def test_icon_png_at_every_size(size: int) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / "crisis-binder.png"
    assert path.is_file(), f"missing {path.relative_to(ROOT)}: run packaging/icons/make_icons.py"
    assert _png_size(path) == (size, size)


def test_icon_svg_is_square_svg() -> None:
    root = ET.parse(ICONS / "crisis-binder.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    assert width == height


def test_windows_ico_has_the_usual_sizes() -> None:
    data = (PKG / "windows" / "crisis-binder.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    sizes = {data[6 + 16 * i] or 256 for i in range(count)}  # 0 means 256
    assert {16, 32, 48, 256} <= sizes


def test_macos_icns_has_png_entries_up_to_1024() -> None:
    data = (PKG / "macos" / "crisis-binder.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    entries, pos = {}, 8
    while pos < len(data):
        kind, length = struct.unpack(">4sI", data[pos:pos + 8])
        entries[kind.decode()] = data[pos + 8:pos + length]
        pos += length
    for kind, size in (("icp4", 16), ("ic07", 128), ("ic08", 256), ("ic09", 512), ("ic10", 1024)):
        assert entries[kind][:8] == PNG_MAGIC
        assert struct.unpack(">II", entries[kind][16:24]) == (size, size)


def _spec_calls(name: str) -> list[ast.Call]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    return [n for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == name]


def _kw(call: ast.Call, name: str) -> object:
    for kw in call.keywords:
        if kw.arg == name:
            return ast.literal_eval(kw.value)
    raise AssertionError(f"{name}= missing")


def test_spec_builds_two_executables_into_one_folder() -> None:
    exes = {_kw(c, "name"): _kw(c, "console") for c in _spec_calls("EXE")}
    assert exes == {"crisis-binder": False, "crisis-binder-cli": True}
    collects = _spec_calls("COLLECT")
    assert len(collects) == 1 and _kw(collects[0], "name") == "crisis-binder"
    # The GUI comes first: the macOS BUNDLE takes the first EXE as the app's main program.
    first = collects[0].args[0]
    assert isinstance(first, ast.Name) and first.id == "gui_exe"
    assert len(_spec_calls("BUNDLE")) == 1


def test_spec_entry_scripts_call_the_project_entry_points() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    gui = (PKG / "launch_gui.py").read_text(encoding="utf-8")
    cli = (PKG / "launch_cli.py").read_text(encoding="utf-8")
    assert project["gui-scripts"]["crisis-binder"] == "ui.app:main"
    assert project["scripts"]["crisis-binder-cli"] == "binder.cli:main"
    assert "from ui.app import main" in gui
    assert "from binder.cli import main" in cli


def test_versions_agree() -> None:
    import tomllib

    version = binder.__version__
    assert tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"] == version
    info = (PKG / "windows" / "version_info.txt").read_text(encoding="utf-8")
    assert f"'FileVersion', '{version}'" in info and f"'ProductVersion', '{version}'" in info
    numbers = ", ".join(version.split(".")[:3] + ["0"])
    assert f"filevers=({numbers})" in info and f"prodvers=({numbers})" in info
    iss = (PKG / "windows" / "crisis-binder.iss").read_text(encoding="utf-8")
    assert f'#define AppVersion "{version}"' in iss


def test_macos_info_plist() -> None:
    with open(PKG / "macos" / "Info.plist", "rb") as fh:
        plist = plistlib.load(fh)
    assert plist["CFBundleIdentifier"] == APP_ID
    assert plist["NSHighResolutionCapable"] is True
    assert re.fullmatch(r"\d+(\.\d+)*", plist["LSMinimumSystemVersion"])


def test_makefile_package_target_builds_spec_and_tarball() -> None:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = text.split("\npackage:", 1)[1].split("\n\n", 1)[0]
    assert "packaging/crisis-binder.spec" in recipe
    assert "packaging/linux/make_tarball.sh" in recipe


def test_only_paths_module_knows_about_the_pyinstaller_bundle() -> None:
    needle = "_MEI" + "PASS"  # split so this file does not match itself
    frozen = re.compile(r"""sys\s*,\s*["']frozen["']|sys\.frozen\b""")
    offenders = []
    for folder in ("binder", "ui", "resources", "packaging", "scripts", "benchmarks", "tests"):
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel == "binder/paths.py":
                continue
            text = path.read_text(encoding="utf-8")
            if needle in text or frozen.search(text):
                offenders.append(rel)
    assert offenders == [], "only binder/paths.py may look at PyInstaller's bundle or frozen state"
    assert needle in (ROOT / "binder" / "paths.py").read_text(encoding="utf-8")
