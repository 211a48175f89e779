"""The PyInstaller build itself (dist/crisis-binder/, made by `make package`).

Skipped with the reason when there is no build. Each test runs the frozen
executables as a user would, with their own CRISIS_BINDER_HOME; the frozen
app uses the production KDF cost, so every unlock takes about a second.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

import binder

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist" / "crisis-binder"
SUFFIX = ".exe" if sys.platform == "win32" else ""
CLI = DIST / f"crisis-binder-cli{SUFFIX}"
GUI = DIST / f"crisis-binder{SUFFIX}"
PASSPHRASE = "Orchid-Lantern-Ferry-1987!"



def _stale_reason() -> str | None:
    """Why the build cannot stand for the source (missing, or older than it), or None."""
    if not CLI.exists() or not GUI.exists():
        return "no frozen build: dist/crisis-binder/ does not exist (run `make package` first)"
    built = min(CLI.stat().st_mtime, GUI.stat().st_mtime)
    sources = [ROOT / "packaging" / "crisis-binder.spec", ROOT / "pyproject.toml"]
    for folder in ("binder", "ui", "resources"):
        sources += [p for p in (ROOT / folder).rglob("*")
                    if p.is_file() and "__pycache__" not in p.parts]
    newer = [p for p in sources if p.stat().st_mtime > built]
    if newer:
        newest = max(newer, key=lambda p: p.stat().st_mtime).relative_to(ROOT)
        return (f"dist/crisis-binder/ is older than the source ({len(newer)} files, e.g. "
                f"{newest}): run `make package` again")
    return None


_STALE = _stale_reason()
pytestmark = pytest.mark.skipif(_STALE is not None, reason=_STALE or "")

GOOGLE_CSV = (
    "First Name,Last Name,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\n"
    "Ada,Fictional,ada.fictional@example.com,Mobile,+44 20 7946 0000\n"
    "Bo,Sample,bo.sample@example.org,Work,+1 202 555 0142\n"
)
# Three long sentences: enough prose for the readability grade (pyphen's
# dictionaries must be in the bundle) plus two phrase rules.
NOTICE = (
    "We take your privacy very seriously. Out of an abundance of caution, we are "
    "notifying individuals whose information may potentially have been accessed "
    "by an unauthorized third party during a sophisticated cybersecurity incident "
    "affecting certain organizational systems. Notwithstanding the comprehensive "
    "investigation undertaken by independent forensic specialists, determinations "
    "regarding the identification of specific categories of affected information "
    "remain preliminary and subject to considerable modification. Consequently, "
    "individuals are encouraged to remain vigilant regarding unsolicited "
    "communications, particularly communications purporting to originate from "
    "financial institutions or governmental authorities.\n"
)


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):  # noqa: ANN201 - any JSON value
        return json.loads(self.out)


def clean_env(home: Path | None, **extra: str) -> dict[str, str]:
    """The caller's environment without any CRISIS_BINDER_* setting, HOME kept inside tmp."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRISIS_BINDER_")}
    if home is not None:
        env["CRISIS_BINDER_HOME"] = str(home)
    env.update(extra)
    return env


def run(exe: Path | list[str], *args: str, env: Mapping[str, str], stdin: str | None = None,
        cwd: Path | None = None, timeout: float = 180) -> Run:
    cmd = ([str(exe)] if isinstance(exe, Path) else list(exe)) + list(args)
    proc = subprocess.run(cmd, input=stdin, capture_output=True, text=True, env=dict(env),
                          cwd=cwd, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    return Run(proc.returncode, proc.stdout, proc.stderr)


def cli(*args: str, env: Mapping[str, str], **kw) -> Run:  # noqa: ANN003
    return run(CLI, *args, env=env, **kw)


def source_cli(*args: str, env: Mapping[str, str], **kw) -> Run:  # noqa: ANN003
    return run([sys.executable, "-m", "binder"], *args, env=env, cwd=ROOT, **kw)


@dataclass
class FrozenBinder:
    path: Path
    env: dict[str, str]
    init: dict
    kit: Path
    imported: dict


@pytest.fixture(scope="module")
def frozen_binder(tmp_path_factory: pytest.TempPathFactory) -> FrozenBinder:
    """One binder made by the frozen CLI: init (with the Emergency Kit PDF), then a Google CSV import."""
    tmp = tmp_path_factory.mktemp("frozen")
    env = clean_env(tmp / "home", CRISIS_BINDER_PASSPHRASE=PASSPHRASE, HOME=str(tmp / "userhome"))
    path, kit = tmp / "binder.db", tmp / "kit.pdf"
    init = cli("--binder", str(path), "init", "--org", "Fictional Corp", "--kit", str(kit),
               "--json", env=env)
    assert init.code == 0, init.err
    csv = tmp / "google.csv"
    csv.write_text(GOOGLE_CSV, encoding="utf-8")
    imported = cli("--binder", str(path), "import", str(csv), "--json", env=env)
    assert imported.code == 0, imported.err
    return FrozenBinder(path, env, init.json(), kit, imported.json())


def test_cli_help_and_version(tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home")
    helped = cli("--help", env=env)
    assert helped.code == 0 and "Usage:" in helped.out
    version = cli("--version", env=env)
    assert version.code == 0 and binder.__version__ in version.out


def test_init_writes_the_emergency_kit(frozen_binder: FrozenBinder) -> None:
    assert frozen_binder.path.is_file()
    assert frozen_binder.init["recovery_key"]
    # reportlab, the DejaVu fonts from resources/ and the QR code, all frozen.
    assert frozen_binder.kit.read_bytes()[:5] == b"%PDF-"
    assert frozen_binder.kit.stat().st_size > 10_000


def test_import_google_csv(frozen_binder: FrozenBinder) -> None:
    assert frozen_binder.imported["added"] == 2
    assert frozen_binder.imported["errors"] == []
    listed = cli("--binder", str(frozen_binder.path), "list", "contacts", "--json",
                 env=frozen_binder.env)
    assert listed.code == 0, listed.err
    numbers = {p["e164"] for c in listed.json() for p in c["phones"]}
    # phonenumbers' region metadata is loaded lazily by module name.
    assert numbers == {"+442079460000", "+12025550142"}
    info = cli("--binder", str(frozen_binder.path), "info", "--json", env=frozen_binder.env)
    assert info.code == 0, info.err
    assert info.json()["record_counts"]["contact"] == 2
    assert info.json()["record_counts"]["template"] > 0  # resources/ content was seeded


def test_print_whole_binder(frozen_binder: FrozenBinder, tmp_path: Path) -> None:
    if cli("print", "--help", env=frozen_binder.env).code != 0:
        pytest.skip("print command not present")
    out = tmp_path / "binder.pdf"
    printed = cli("--binder", str(frozen_binder.path), "print", "binder", "-o", str(out),
                  env=frozen_binder.env)
    assert printed.code == 0, printed.err
    assert out.read_bytes()[:5] == b"%PDF-"


def test_lint_stdin_same_as_from_source(tmp_path: Path) -> None:
    env = clean_env(tmp_path / "home")
    frozen = cli("lint", "--stdin", "--json", env=env, stdin=NOTICE)
    source = source_cli("lint", "--stdin", "--json", env=env, stdin=NOTICE)
    assert frozen.code == source.code and frozen.code in (0, 4), frozen.err
    rules = {f["rule"] for f in frozen.json()}
    assert "readability-grade" in rules, rules
    assert frozen.json() == source.json()


def test_business_day_deadlines_same_as_from_source(frozen_binder: FrozenBinder) -> None:
    """Business days skip public holidays: the lazily imported holidays modules are in the bundle."""
    b = ["--binder", str(frozen_binder.path)]
    started = cli(*b, "incident", "start", "--title", "Frozen build check", "--exercise",
                  "--aware-at", "2026-12-21T09:00:00Z", "--materiality-at", "2026-12-22T09:00:00Z",
                  "--jurisdiction", "US-SEC", "--jurisdiction", "BR", "--jurisdiction", "US-VT",
                  "--affected", "1000", "--data-type", "any_personal", "--json",
                  env=frozen_binder.env)
    assert started.code == 0, started.err
    incident = started.json()["id"]
    frozen = cli(*b, "incident", "deadlines", incident, "--all", "--json", env=frozen_binder.env)
    source = source_cli(*b, "incident", "deadlines", incident, "--all", "--json",
                        env=frozen_binder.env)
    assert frozen.code == 0 and source.code == 0, frozen.err + source.err
    assert frozen.json() == source.json()
    assert any(d["due_at"] for d in frozen.json())


def test_no_internet_socket_is_ever_opened(frozen_binder: FrozenBinder, tmp_path: Path) -> None:
    strace = shutil.which("strace")
    if strace is None or sys.platform != "linux":
        pytest.skip("strace not available")
    if subprocess.run([strace, "-qq", "-o", os.devnull, "true"], capture_output=True).returncode:
        pytest.skip("strace cannot trace here (ptrace not permitted)")
    trace = tmp_path / "trace"
    for args, stdin in ((["lint", "--stdin"], NOTICE),
                        (["--binder", str(frozen_binder.path), "info", "--json"], None),
                        (["--binder", str(frozen_binder.path), "list", "contacts"], None)):
        run([strace, "-f", "-qq", "-e", "trace=socket,connect", "-o", str(trace), str(CLI)],
            *args, env=frozen_binder.env, stdin=stdin)
        calls = trace.read_text()
        assert "AF_INET" not in calls, calls


def test_portable_mode_keeps_data_beside_the_executables(tmp_path: Path) -> None:
    marker, data = DIST / ".portable", DIST / "crisis-binder-data"
    if marker.exists() or data.exists():
        pytest.skip(f"{DIST} is already in portable use; not touching it")
    user_home = tmp_path / "userhome"
    env = clean_env(None, CRISIS_BINDER_PASSPHRASE=PASSPHRASE, HOME=str(user_home),
                    XDG_DATA_HOME=str(user_home / ".local" / "share"),
                    XDG_CONFIG_HOME=str(user_home / ".config"),
                    XDG_STATE_HOME=str(user_home / ".local" / "state"),
                    APPDATA=str(user_home / "AppData"), LOCALAPPDATA=str(user_home / "Local"))
    marker.touch()
    try:
        init = cli("init", "--org", "Portable Corp", "--json", env=env)
        assert init.code == 0, init.err
        expected = data / "data" / "binder.db"
        assert expected.is_file()
        assert Path(init.json()["binder"]).resolve() == expected.resolve()
        info = cli("info", "--json", env=env)
        assert info.code == 0, info.err
        assert info.json()["organisation"] == "Portable Corp"
        assert not user_home.exists() or not any(user_home.rglob("binder.db")), \
            "portable mode wrote to the user's home"
    finally:
        marker.unlink(missing_ok=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.mark.secretservice
def test_remember_and_unlock_through_the_secret_service(frozen_binder: FrozenBinder) -> None:
    if not os.environ.get("CRISIS_BINDER_SECRETSERVICE_TEST"):
        pytest.skip("no Secret Service session (make test starts one when gnome-keyring exists)")
    b = ["--binder", str(frozen_binder.path)]
    remembered = cli(*b, "remember", env=frozen_binder.env)
    assert remembered.code == 0, remembered.err
    assert "SecretService" in remembered.err
    try:
        no_passphrase = {k: v for k, v in frozen_binder.env.items() if k != "CRISIS_BINDER_PASSPHRASE"}
        info = cli(*b, "info", "--json", env=no_passphrase)
        assert info.code == 0, info.err
        assert info.json()["remembered_here"] is True
    finally:
        assert cli(*b, "forget", env=frozen_binder.env).code == 0


def _pyz_modules(exe: Path) -> set[str]:
    readers = pytest.importorskip("PyInstaller.archive.readers")
    archive = readers.CArchiveReader(str(exe))
    return set(archive.open_embedded_archive("PYZ.pyz").toc)


def test_bundle_holds_what_we_need_and_nothing_we_refuse() -> None:
    cli_modules = _pyz_modules(CLI)
    gui_modules = _pyz_modules(GUI)
    for needed in ("resources", "resources.content", "holidays.countries.brazil",
                   "holidays.countries.united_states", "phonenumbers.data.region_GB",
                   "keyring.backends.SecretService", "keyring.backends.macOS",
                   "keyring.backends.Windows", "secretstorage", "jeepney.io.blocking", "pyphen",
                   "email_validator", "zxcvbn.frequency_lists", "reportlab.graphics.barcode.qr",
                   "binder.cli.vault_cmds"):
        assert needed in cli_modules and needed in gui_modules, needed
    assert "ui.app" in gui_modules and "PySide6" in gui_modules
    refused = ("keyrings", "textstat", "nltk", "dns", "tkinter", "unittest", "vobject",
               "phonenumbers.geodata", "email_validator.deliverability")
    for modules in (cli_modules, gui_modules):
        assert not {m for m in modules if m.split(".")[0] in refused or m.startswith(refused)}
    assert not {m for m in cli_modules if m.startswith(("PySide6", "shiboken6", "ui."))}, \
        "the CLI must not carry Qt"

    internal = DIST / "_internal"
    for rel in ("resources/content/regulators.json", "resources/fonts/DejaVuSans.ttf",
                "resources/fonts/LICENSE-DejaVu.txt", "resources/icons/crisis-binder.svg",
                "pyphen/dictionaries/hyph_en_US.dic"):
        assert (internal / rel).is_file(), rel
    assert any((internal / "resources" / "content" / "templates").glob("*.toml"))
    assert any((internal / "resources" / "content" / "checklists").glob("*.toml"))
    assert any(internal.glob("sqlcipher3/_sqlite3*"))
    # Only the English hyphenation dictionaries (the readability score is en_US).
    assert {p.name for p in (internal / "pyphen" / "dictionaries").glob("*.dic")} == \
        {"hyph_en_GB.dic", "hyph_en_US.dic"}
    for qt_module in ("QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPrintSupport"):
        assert any(internal.glob(f"PySide6/{qt_module}.*")), qt_module
    if sys.platform == "linux":
        plugins = internal / "PySide6" / "Qt" / "plugins"
        for rel in ("platforms/libqoffscreen.so", "platforms/libqxcb.so",
                    "platforms/libqwayland.so", "imageformats/libqsvg.so",
                    "iconengines/libqsvgicon.so", "printsupport/libcupsprintersupport.so"):
            assert (plugins / rel).is_file(), rel
        names = {p.name for p in internal.rglob("*.so*")}
        assert not {n for n in names if n.startswith(("libcups.", "libgtk", "libQt6Quick",
                                                       "libQt6Qml", "libQt6WebEngine"))}


def test_gui_starts_offscreen_and_quits_cleanly(tmp_path: Path) -> None:
    """`crisis-binder --demo --smoke-test` shows the main window on the demo binder and
    exits 0 once the event loop has painted it (ui/app.py implements the flag)."""
    env = clean_env(tmp_path / "home", QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path / "userhome"))
    started = time.monotonic()
    try:
        proc = subprocess.run([str(GUI), "--demo", "--smoke-test"], capture_output=True,
                              text=True, env=env, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("the frozen GUI did not exit within 60 s: does ui/app.py support --smoke-test?")
    elapsed = time.monotonic() - started
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 0, proc.stderr
    print(f"frozen GUI smoke test: {elapsed:.2f} s")
