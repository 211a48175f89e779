"""Every menu action with its shortcut: one table, so menus, the shortcuts
help and the user guide agree. ``handler`` names a MainWindow method, or
``page:<method>`` for an action the current page carries out."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.i18n import tr

Std = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    name: str
    menu: str
    text: str
    shortcut: str | Std
    handler: str
    needs_unlocked: bool = True


def action_specs() -> list[ActionSpec]:
    sections = [(tr("&Who do I call?"), "who"), (tr("&People"), "people"),
                (tr("&Organisations"), "organizations"), (tr("&Regulators"), "regulators"),
                (tr("&Templates"), "templates"), (tr("&Checklists"), "checklists"),
                (tr("&Incidents"), "incidents"), (tr("Re&view"), "review")]
    specs = [
        ActionSpec("create", "file", tr("&New binder…"), "Ctrl+Shift+N", "create_binder", False),
        ActionSpec("open", "file", tr("&Open binder…"), Std.Open, "open_binder", False),
        ActionSpec("demo", "file", tr("Open &demo binder"), "Ctrl+Shift+D", "open_demo", False),
        ActionSpec("start_incident", "file", tr("Start &incident / exercise…"), "Ctrl+Shift+I",
                   "start_incident"),
        ActionSpec("import_list", "file", tr("I&mport updated list…"), "Ctrl+Shift+M",
                   "import_list"),
        ActionSpec("restore", "file", tr("&Restore from backup…"), "Ctrl+Shift+U",
                   "restore_backup"),
        ActionSpec("print", "file", tr("&Print…"), Std.Print, "print_document"),
        ActionSpec("save_pdf", "file", tr("Save as PD&F…"), "Ctrl+Shift+P", "save_pdf"),
        ActionSpec("settings", "file", tr("&Settings…"), "Ctrl+,", "show_settings"),
        ActionSpec("change_passphrase", "file", tr("Change pass&phrase…"), "Ctrl+Shift+K",
                   "change_passphrase"),
        ActionSpec("new_recovery_key", "file", tr("New recovery &key…"), "Ctrl+Shift+Y",
                   "new_recovery_key"),
        ActionSpec("lock", "file", tr("&Lock"), "Ctrl+L", "lock"),
        ActionSpec("quit", "file", tr("&Quit"), "Ctrl+Q", "close", False),
        ActionSpec("undo", "edit", tr("&Undo"), Std.Undo, "undo"),
        ActionSpec("search", "edit", tr("&Find anything…"), "Ctrl+K", "show_search"),
        ActionSpec("filter", "edit", tr("F&ilter this list"), Std.Find, "page:focus_filter"),
        ActionSpec("copy_best", "edit", tr("&Copy best number"), "Ctrl+Shift+C", "page:copy_best"),
        ActionSpec("copy_backup", "edit", tr("Copy &backup number"), "Ctrl+Shift+B",
                   "page:copy_backup"),
        ActionSpec("new_record", "record", tr("&New record"), Std.New, "page:new_record"),
        ActionSpec("save", "record", tr("&Save"), Std.Save, "page:save"),
        ActionSpec("revert", "record", tr("&Discard changes"), "Ctrl+R", "page:revert"),
        ActionSpec("verify", "record", tr("Mark as &verified today"), "Ctrl+Shift+V", "page:verify"),
        ActionSpec("delete", "record", tr("De&lete…"), Std.Delete, "page:delete"),
        ActionSpec("save_text", "record", tr("Save template te&xt"), "Ctrl+Shift+S",
                   "page:save_text"),
        ActionSpec("approve_template", "record", tr("A&pprove template…"), "Ctrl+Shift+A",
                   "page:approve_template"),
        ActionSpec("waive_finding", "record", tr("&Waive selected finding…"), "Ctrl+Shift+W",
                   "page:waive_finding"),
        ActionSpec("render_template", "record", tr("Rende&r template…"), "Ctrl+Shift+R",
                   "page:render_template"),
        ActionSpec("open_current", "go", tr("&Open selected record"), "Ctrl+Return",
                   "page:open_current"),
    ]
    for n, (text, key) in enumerate(sections, start=1):
        specs.append(ActionSpec(f"go_{key}", "go", text, f"Ctrl+{n}", f"goto:{key}"))
    specs += [
        ActionSpec("shortcuts", "help", tr("&Keyboard shortcuts"), Std.HelpContents,
                   "show_shortcuts", False),
        ActionSpec("about", "help", tr("&About Crisis Binder"), "Shift+F1", "show_about", False),
    ]
    return specs


MENUS = (("file", "&File"), ("edit", "&Edit"), ("record", "&Record"), ("go", "&Go"),
         ("help", "&Help"))


def build_menus(window: QMainWindow) -> tuple[dict[str, QAction], dict[str, ActionSpec]]:
    """Create the menu bar; returns the actions and their specs by name."""
    menus: dict[str, QMenu] = {}
    for key, title in MENUS:
        menus[key] = window.menuBar().addMenu(tr(title))
    actions: dict[str, QAction] = {}
    specs: dict[str, ActionSpec] = {}
    for spec in action_specs():
        action = QAction(spec.text, window)
        sequence = spec.shortcut if isinstance(spec.shortcut, str) else None
        if sequence is not None:
            action.setShortcut(QKeySequence(sequence))
        else:
            action.setShortcuts(QKeySequence.keyBindings(spec.shortcut))
        action.setObjectName(spec.name)
        menus[spec.menu].addAction(action)
        if spec.name in ("start_incident", "print", "settings", "quit", "copy_best", "delete",
                         "save_text"):
            menus[spec.menu].insertSeparator(action)
        window.addAction(action)
        actions[spec.name] = action
        specs[spec.name] = spec
    return actions, specs


def shortcut_text(action: QAction) -> str:
    """The primary shortcut, as the menu shows it (platform aliases such as the
    keyboard's own Undo key also work but are not listed)."""
    return action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
