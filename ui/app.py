"""crisis-binder: the desktop app's entry point.

``crisis-binder`` opens the default binder (or the first-run screen),
``crisis-binder PATH`` opens a binder file, ``crisis-binder --demo`` opens the
demo binder with its fictional content.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from binder import __version__, paths
from binder.session import BinderSession
from ui.controller import AppController
from ui.dialogs.crash import CrashHandler
from ui.i18n import install_translator, tr
from ui.main_window import MainWindow

log = logging.getLogger(__name__)


class RedactFilter(logging.Filter):
    """Keep phone numbers, e-mail addresses and key material out of log lines."""

    PATTERNS = (
        (re.compile(r"\b[0-9A-HJKMNP-TV-Z]{5}(?:-[0-9A-HJKMNP-TV-Z]{5}){4,}\b", re.I), "[key]"),
        (re.compile(r"\b[0-9a-f]{32,}\b", re.I), "[hex]"),
        (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
        (re.compile(r"\+?\d[\d ()./-]{6,}\d"), "[number]"),
    )

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        for pattern, replacement in self.PATTERNS:
            text = pattern.sub(replacement, text)
        record.msg, record.args = text, None
        return True


def configure_logging(level: int = logging.WARNING) -> None:
    handler = logging.StreamHandler()
    handler.addFilter(RedactFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)


def make_application(qt_args: Sequence[str] = ()) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication([sys.argv[0] if sys.argv else "crisis-binder", *qt_args])
    app.setApplicationName("Crisis Binder")
    app.setApplicationDisplayName("Crisis Binder")
    app.setApplicationVersion(__version__)
    # Must match the .desktop file name (the taskbar icon on Wayland).
    app.setDesktopFileName("org.crisisbinder.CrisisBinder")
    icons = resources.files("resources.icons")
    with resources.as_file(icons / "crisis-binder.svg") as icon:
        app.setWindowIcon(QIcon(str(icon)))
    translations = resources.files("resources") / "translations"
    if translations.is_dir():
        with resources.as_file(translations) as folder:
            install_translator(str(folder))
    return app


def build_main_window(session: BinderSession | None = None) -> MainWindow:
    """The main window, showing ``session`` (already unlocked) if given. Benchmarks call this."""
    make_application()
    ctx = AppController()
    window = MainWindow(ctx)
    ctx.setParent(window)
    if session is not None:
        ctx.adopt(session)
    return window


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crisis-binder", description=tr(
        "Crisis Binder: an offline, encrypted data-breach response binder."))
    parser.add_argument("--demo", action="store_true", help="open the demo binder (passphrase 'demo')")
    parser.add_argument("--verbose", action="store_true", help="log more (never record data)")
    parser.add_argument("binder", nargs="?", help="binder file to open")
    # Packaging tests: show the window, paint once, quit with exit code 0.
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    args, qt_args = parser.parse_known_args(argv)
    configure_logging(logging.INFO if args.verbose else logging.WARNING)
    app = make_application(qt_args)
    window = build_main_window()
    CrashHandler(lambda: window).install()
    app.aboutToQuit.connect(window.ctx.close)
    window.show()
    if args.demo:
        window.open_demo()
    elif args.binder:
        window.open_path(Path(args.binder).expanduser())
    else:
        default = paths.binder_path()
        if default.exists():
            window.open_path(default)
    if args.smoke_test:
        QTimer.singleShot(0, lambda: (window.grab(), app.quit()))
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
