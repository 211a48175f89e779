"""Every control has an accessible name, every action a shortcut, Tab order is sane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QScrollArea, QWidget

from tests.ui.helpers import goto, select
from ui.actions import action_specs


def unnamed_controls(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if not w.isVisibleTo(root) or not (w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if isinstance(w, QScrollArea) or (isinstance(w, QAbstractScrollArea)
                                          and type(w).__name__ == "QAbstractScrollArea"):
            continue  # containers; their contents are checked
        if type(w).__name__ in ("QScrollBar", "QTabBar", "QSplitterHandle", "QWidget") \
                or w.objectName().startswith("qt_"):
            continue
        if not w.accessibleName():
            out.append(f"{type(w).__name__} {w.objectName()!r} in {type(w.parent()).__name__}")
    return out


def test_every_action_has_a_shortcut_listed_in_its_menu(window):
    for spec in action_specs():
        action = window.actions_[spec.name]
        assert action.shortcuts(), spec.name
    for menu in window._menus():
        assert all(a.isSeparator() or a.shortcuts() for a in menu.actions()), menu.title()


def test_welcome_and_unlock_controls_are_named(window, filled_binder):
    assert unnamed_controls(window.welcome) == []
    window.open_path(filled_binder.path)
    window.unlock_page.toggle_mode()
    assert unnamed_controls(window.unlock_page) == []


def test_every_page_and_editor_is_named(opened, qtbot):
    for key in opened.workspace.pages:
        page = goto(opened, qtbot, key)
        page.focus_main()
        assert unnamed_controls(page) == [], key
    people = goto(opened, qtbot, "people")
    select(people, "Dana Reyes")
    assert unnamed_controls(people) == []
    assert unnamed_controls(opened.workspace) == []


def test_dialogs_are_named(opened, qtbot):
    from ui.dialogs.create_wizard import CreateWizard
    from ui.dialogs.crash import CrashDialog
    from ui.dialogs.settings_dialog import SettingsDialog

    opened.trigger("search")
    dialogs = [opened.search_dialog, SettingsDialog(opened.ctx, opened), CrashDialog("r", opened),
               CreateWizard(opened)]
    for dialog in dialogs:
        dialog.show()
        assert dialog.accessibleName() or dialog.windowTitle()
        assert unnamed_controls(dialog) == [], type(dialog).__name__
        dialog.hide()


def test_tab_order_on_a_record_page(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Dana Reyes")
    page.filter.setFocus()
    order = [page.filter]
    for _ in range(6):
        widget = QApplication.focusWidget() or opened.focusWidget()
        nxt = widget.nextInFocusChain()
        while not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus and nxt.isVisible() and nxt.isEnabled()):
            nxt = nxt.nextInFocusChain()
        nxt.setFocus()
        order.append(nxt)
    names = [w.accessibleName() for w in order]
    assert names[:4] == ["Filter people", "People list", "New person", "Delete person"]
    assert names[4:6] == ["Name", "Job title"]  # then straight into the editor, top to bottom


def test_editor_tab_chain_follows_the_form(opened, qtbot):
    page = goto(opened, qtbot, "people")
    select(page, "Dana Reyes")
    chain = page.editor.focus_chain()
    for first, second in zip(chain, chain[1:]):
        nxt = first.nextInFocusChain()
        while nxt is not second and not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus
                                         and nxt.isVisibleTo(page)):
            nxt = nxt.nextInFocusChain()
        assert nxt is second, (first.accessibleName(), nxt.accessibleName(), second.accessibleName())
