"""crisis-binder: the desktop app's entry point."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from binder import paths
from binder.demo import open_demo


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="crisis-binder")
    parser.add_argument("--demo", action="store_true", help="open the demo binder")
    parser.add_argument("binder", nargs="?", help="binder file to open")
    args, qt_args = parser.parse_known_args(argv)
    logging.basicConfig(level=logging.WARNING)
    app = QApplication.instance() or QApplication([sys.argv[0], *qt_args])
    window = QMainWindow()
    window.setWindowTitle("Crisis Binder")
    if args.demo:
        session = open_demo(paths.resolve().demo_dir)
        info = session.info()
        window.setCentralWidget(QLabel(f"{info.organisation}\n{info.path}\n"
                                       f"schema {info.schema_version}"))
    window.resize(900, 600)
    window.show()
    return int(app.exec())


if __name__ == "__main__":
    raise SystemExit(main())
