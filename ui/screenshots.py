"""Screenshots of every main screen, for docs/screenshots (``make screenshots``).

Run under a display (scripts/screenshots.sh starts Xvfb):
``python -m ui.screenshots docs/screenshots``. It works in a throw-away
CRISIS_BINDER_HOME, opens the demo binder and grabs each page.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget


def _settle(ms: int = 150) -> None:
    app = QApplication.instance()
    end = QTimer()
    end.setSingleShot(True)
    end.start(ms)
    while end.isActive():
        app.processEvents()


DARK_SET = ("05-unlock", "10-who-do-i-call", "11-people", "20-edit-invalid-input", "21-search")


def _shoot(widget: QWidget, path: Path, *, screen: bool = False) -> None:
    if path.stem.endswith("-dark") and path.stem.removesuffix("-dark") not in DARK_SET:
        return  # the dark pass only shows a few screens
    _settle()
    if screen:
        # Grab the screen area of the window so dialogs on top of it show too.
        geometry = widget.frameGeometry()
        pixmap = widget.screen().grabWindow(0, geometry.x(), geometry.y(),
                                            geometry.width(), geometry.height())
    else:
        pixmap = widget.grab()
    pixmap.save(str(path), "PNG", 0)  # quality 0: smallest file, still lossless
    print(f"  {path}")


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in ((roles.Window, "#2b2b2b"), (roles.WindowText, "#e6e6e6"),
                         (roles.Base, "#1f1f1f"), (roles.AlternateBase, "#272727"),
                         (roles.Text, "#e6e6e6"), (roles.Button, "#353535"),
                         (roles.ButtonText, "#e6e6e6"), (roles.Highlight, "#3d6fb4"),
                         (roles.HighlightedText, "#ffffff"), (roles.ToolTipBase, "#353535"),
                         (roles.ToolTipText, "#e6e6e6"), (roles.PlaceholderText, "#9a9a9a"),
                         (roles.Link, "#8ab4f8"), (roles.Light, "#505050"),
                         (roles.Midlight, "#404040"), (roles.Mid, "#303030"),
                         (roles.Dark, "#202020"), (roles.Shadow, "#101010")):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.Text, QColor("#7a7a7a"))
    palette.setColor(QPalette.ColorGroup.Disabled, roles.ButtonText, QColor("#7a7a7a"))
    return palette


def _incident_shots(window: QWidget, out: Path, suffix: str) -> None:
    """A started demo exercise on the dashboard (a statement with a finding), then File > Print."""
    from datetime import datetime, timedelta, timezone

    window.trigger("start_incident")
    page = window.workspace.current_page()
    dialog = page.start_dialog
    dialog.title_edit.setText("Ransomware on the file server")
    dialog.set_zone("Europe/Berlin")
    dialog.set_aware(datetime.now(timezone.utc) - timedelta(hours=5, minutes=12))
    dialog.reason.setText("SOC confirmed encrypted shares and a ransom note")
    dialog.tick(dialog.places, ["EU", "GB", "US-NY"])
    dialog.tick(dialog.types, ["any_personal", "credentials"])
    dialog.confirmed.setValue(1200)
    dialog.exercise.setChecked(True)
    dialog.move(window.x() + 300, window.y() + 60)
    _shoot(window, out / f"26-start-incident{suffix}.png", screen=True)
    dialog.ok_button.click()
    _settle()
    page.log.entry.setPlainText("Isolated FS01 from the network; backups are offline and intact.")
    page.log.submit()
    page.tabs.setCurrentWidget(page.log)
    page.log.kind.setCurrentIndex(page.log.kind.findData("statement"))
    page.log.entry.setPlainText("No comment at this time. We take your privacy seriously.")
    page.log.check_statement()
    shot_path = out / f"27-incident-statement{suffix}.png"
    _shoot(window, shot_path)
    page.log.entry.clear()
    page.log.kind.setCurrentIndex(0)
    page.tabs.setCurrentWidget(page.duties)
    page.duties.table.setFocus()
    _shoot(window, out / f"24-incident-dashboard{suffix}.png")
    window.trigger("print")
    printer = window.document_dialog
    printer.choose("checklist", "first_hour")
    printer.move(window.x() + 380, window.y() + 200)
    _shoot(window, out / f"25-print{suffix}.png", screen=True)
    printer.reject()


def main(argv: list[str]) -> int:
    out = Path(argv[1] if len(argv) > 1 else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    os.environ["CRISIS_BINDER_HOME"] = tempfile.mkdtemp(prefix="cb-shots-")
    from ui.app import build_main_window, make_application
    from ui.dialogs.crash import CrashDialog, crash_report
    from ui.dialogs.seams import FileDialog

    app = make_application()
    if "--dark" in argv:
        # Xvfb has no desktop theme to follow; stand in for a dark one.
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark)
        app.setStyle("Fusion")
        app.setPalette(dark_palette())
    suffix = "-dark" if "--dark" in argv else ""
    window = build_main_window()
    window.resize(1280, 800)
    window.move(0, 0)
    window.show()
    shot: Callable[[str], None] = lambda name: _shoot(window, out / f"{name}{suffix}.png")

    if "--hidpi" in argv:
        # QT_SCALE_FACTOR=2 is set by the caller: one page shows how the UI scales.
        window.open_demo()
        window.workspace.goto("people")
        window.workspace.current_page().focus_main()
        _shoot(window, out / "30-people-2x.png")
        window.ctx.close()
        return 0

    shot("01-welcome")
    window.create_binder()
    wizard = window.wizard
    wizard.move(320, 100)
    wizard.organisation_page.organisation.setText("Acme Widgets")
    wizard.organisation_page.location.setText(str(Path(os.environ["CRISIS_BINDER_HOME"]) / "acme.db"))
    _shoot(wizard, out / f"02-create-organisation{suffix}.png")
    wizard.next()
    wizard.passphrase_page.passphrase.setText("Copper-Walrus-Sings-At-Dawn-42")
    wizard.passphrase_page.confirm.setText("Copper-Walrus-Sings")
    _shoot(wizard, out / f"03-create-passphrase{suffix}.png")
    wizard.passphrase_page.confirm.setText("Copper-Walrus-Sings-At-Dawn-42")
    wizard.next()
    _shoot(wizard, out / f"04-create-emergency-kit{suffix}.png")
    FileDialog.set_next_file_name(str(Path(os.environ["CRISIS_BINDER_HOME"]) / "kit.pdf"))
    wizard.kit_page.save_button.click()
    wizard.accept()
    _settle()
    window.ctx.close()

    window.open_demo()
    window.trigger("lock")
    window.unlock_page.notice.show_message(window.unlock_page.notice.text(), "info")
    shot("05-unlock")
    window.unlock_page.passphrase.setText("wrong horse")
    window.unlock_page.unlock("passphrase")
    shot("06-unlock-wrong-passphrase")
    window.unlock_page.passphrase.setText("demo")
    window.unlock_page.unlock("passphrase")

    shot("10-who-do-i-call")
    pages = ("people", "organizations", "regulators", "templates", "checklists",
             "incidents", "review")
    for n, key in enumerate(pages, start=11):
        window.workspace.goto(key)
        page = window.workspace.current_page()
        page.focus_main()
        shot(f"{n}-{key}")

    people = window.workspace.pages["people"]
    window.workspace.goto("people")
    row = people.model.find(lambda r: r.record.title == "Marcus Oduya")
    people.open_record(people.model.rows()[row].record.id)
    phones = people.editor.fields["phones"]
    phones.rows[1][2].setText("12")
    people.editor.fields["name"].edit.clear()
    people.editor._on_changed("name")
    people.save()
    shot("20-edit-invalid-input")
    people.revert()

    window.trigger("search")
    window.search_dialog.move(window.x() + 260, window.y() + 120)
    window.search_dialog.box.setText("breach co")
    _shoot(window, out / f"21-search{suffix}.png", screen=True)
    window.search_dialog.hide()

    _incident_shots(window, out, suffix)

    window.trigger("settings")
    from ui.dialogs.settings_dialog import SettingsDialog
    settings = next(w for w in QApplication.topLevelWidgets()
                    if isinstance(w, SettingsDialog) and w.isVisible())
    _shoot(settings, out / f"22-settings{suffix}.png")
    settings.reject()

    try:
        raise RuntimeError("example")
    except RuntimeError:
        crash = CrashDialog(crash_report(*sys.exc_info()), window)
    crash.show()
    _shoot(crash, out / f"23-crash-report{suffix}.png")
    crash.close()

    window.ctx.close()
    window.close()
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
