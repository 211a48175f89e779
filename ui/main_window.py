"""The main window: welcome / unlock / workspace, menus and the status bar.

No business logic here: it routes actions to the controller or the current
page and reacts to the bus (opened, locked, closed, changed).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QApplication, QDialog, QLabel, QMainWindow, QMessageBox,
                               QPushButton, QStackedWidget, QVBoxLayout, QWidget)

from binder import paths
from binder.demo import DEMO_PASSPHRASE, ensure_demo
from binder.errors import BinderError
from binder.session import user_error
from ui.actions import build_menus
from ui.controller import AppController
from ui.dialogs.crash import CrashDialog
from ui.dialogs.seams import FileDialog
from ui.i18n import tr
from ui.preload import Preloader
from ui.views.unlock_page import UnlockPage
from ui.views.welcome_page import WelcomePage
from ui.widgets import InlineMessage, named

# Only what the first screen (welcome or unlock) needs is imported above; the
# workspace and everything under it (services, storage, the linter) load once
# that screen is up (ui/preload.py), or at the first unlock, whichever is first.
if TYPE_CHECKING:
    from binder.models import ChangeSet, Kind
    from ui.views.workspace import Workspace


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppController | None = None) -> None:
        super().__init__()
        self.ctx = ctx or AppController(self)
        self.setWindowTitle(tr("Crisis Binder"))
        self.welcome = WelcomePage()
        self.unlock_page = UnlockPage(self.ctx)
        self._workspace: Workspace | None = None  # see the workspace property
        self.stack = QStackedWidget()
        for widget in (self.welcome, self.unlock_page):
            self.stack.addWidget(widget)
        # A lasting problem with the open binder (a damaged page): above every
        # page until the binder locks, so it is not lost when the user moves on.
        self.alert = InlineMessage(tr("Problem with this binder"))
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.alert)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.preloader = Preloader(self, self._build_workspace_step)
        self.search_dialog = None  # built on first Ctrl+K
        self.document_dialog = None  # the last File > Print / Save as PDF dialog
        self.wizard = None  # the create wizard while it is open
        self.actions_, self.specs = build_menus(self)
        for name, action in self.actions_.items():
            action.triggered.connect(lambda _checked=False, n=name: self.trigger(n))
        self._build_status_bar()
        self._connect()
        self.show_welcome()
        self.resize(1180, 760)

    # --- wiring -----------------------------------------------------------------

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.binder_label = named(QLabel(), tr("Binder"))
        self.review_button = named(QPushButton(), tr("Records that need review"))
        self.review_button.setFlat(True)
        self.review_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.review_button.clicked.connect(lambda: self.trigger("go_review"))
        self.lock_label = named(QLabel(), tr("Auto-lock"))
        for widget in (self.binder_label, self.review_button, self.lock_label):
            bar.addPermanentWidget(widget)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._update_lock_label)

    def _connect(self) -> None:
        bus = self.ctx.bus
        bus.opened.connect(self._on_opened)
        bus.locked.connect(self._on_locked)
        bus.closed.connect(self.show_welcome)
        bus.changed.connect(self._on_changed)
        bus.undo_changed.connect(self._update_actions)
        bus.status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        bus.problem.connect(lambda text: self.alert.show_message(text, "error"))
        bus.locked.connect(self.alert.clear_message)
        bus.closed.connect(self.alert.clear_message)
        self.ctx.clipboard.copied.connect(lambda what, s: self.statusBar().showMessage(
            (tr("Copied {what}.").format(what=what) if what else tr("Copied.")) + " "
            + tr("It clears from the clipboard in {s} seconds.").format(s=s), s * 1000))
        self.ctx.clipboard.cleared.connect(lambda: self.statusBar().showMessage(
            tr("Clipboard cleared."), 3000))
        self.unlock_page.open_other_requested.connect(self.open_binder)
        self.welcome.create_requested.connect(self.create_binder)
        self.welcome.open_requested.connect(self.open_binder)
        self.welcome.demo_requested.connect(self.open_demo)

    @property
    def workspace(self) -> Workspace:
        """The unlocked sections, built on first use if the preloader has not finished them."""
        return self._partial_workspace().complete()

    def _partial_workspace(self) -> Workspace:
        if self._workspace is None:
            from ui.views.workspace import Workspace

            self._workspace = Workspace(self.ctx, complete=False)
            self._workspace.section_changed.connect(lambda _key: self._update_actions())
            self.stack.addWidget(self._workspace)
        return self._workspace

    def _build_workspace_step(self) -> bool:
        """One page of the workspace (a preloader step); True while more remain."""
        return self._partial_workspace().build_next()

    def _on_workspace(self) -> bool:
        return self._workspace is not None and self.stack.currentWidget() is self._workspace

    def trigger(self, name: str) -> None:
        """Run the action ``name`` (a menu item, a shortcut, or a test)."""
        spec = self.specs[name]
        if spec.needs_unlocked and not self.ctx.unlocked:
            return
        handler = spec.handler
        if handler.startswith("goto:"):
            if self._on_workspace():
                self.workspace.goto(handler[5:])
        elif handler.startswith("page:"):
            method = handler[5:]
            page = self.workspace.current_page() if self._on_workspace() else None
            if page is not None and page.supports(method):
                getattr(page, method)()
            else:
                self.statusBar().showMessage(tr("Not available on this page."), 3000)
        else:
            getattr(self, handler)()

    def _update_actions(self) -> None:
        unlocked = self.ctx.unlocked and self._on_workspace()
        page = self.workspace.current_page() if unlocked else None
        for name, action in self.actions_.items():
            spec = self.specs[name]
            enabled = unlocked or not spec.needs_unlocked
            if spec.handler.startswith("page:"):
                enabled = page is not None and page.supports(spec.handler[5:])
            action.setEnabled(enabled)
        label = self.ctx.undo.next_label
        self.actions_["undo"].setText(tr("&Undo {what}").format(what=label) if label else tr("&Undo"))
        self.actions_["undo"].setEnabled(unlocked and bool(label))

    # --- screens ----------------------------------------------------------------

    def show_welcome(self) -> None:
        if self._workspace is not None:
            self._workspace.clear()
        self.stack.setCurrentWidget(self.welcome)
        self.setWindowTitle(tr("Crisis Binder"))
        self._update_status()
        self._update_actions()
        self.welcome.focus_main()
        self.preloader.start()

    def show_unlock(self, reason: str = "") -> None:
        self.stack.setCurrentWidget(self.unlock_page)
        self.unlock_page.prepare(reason=reason)
        session = self.ctx.session
        # Qt adds " — Crisis Binder" (the application display name) to every title.
        self.setWindowTitle(tr("Locked") + (f" — {session.path.name}" if session else ""))
        self._update_status()
        self._update_actions()
        self.preloader.start()

    def _on_opened(self) -> None:
        self.stack.setCurrentWidget(self.workspace)
        self.workspace.reload("who")
        info_name = self.ctx.organisation()
        self.setWindowTitle(info_name or tr("Crisis Binder"))
        self._countdown.start()
        self._update_status()
        self._update_actions()

    def _on_locked(self) -> None:
        self._countdown.stop()
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and not isinstance(widget, CrashDialog):
                widget.reject()
        if self.search_dialog is not None:
            self.search_dialog.clear()
        if self._workspace is not None:
            self._workspace.clear()
        self.show_unlock(self.ctx.lock_reason)

    def _on_changed(self, changes: ChangeSet) -> None:
        if self._workspace is not None:
            self._workspace.on_changed(changes)
        self._update_status()
        self._update_actions()

    def _update_status(self) -> None:
        session = self.ctx.session
        if session is None:
            self.binder_label.setText(tr("No binder open"))
        else:
            name = f"{self.ctx.organisation()} · " if self.ctx.unlocked else ""
            self.binder_label.setText(f"{name}{session.path.name}")
        if self.ctx.unlocked:
            due = len(self.ctx.review_queue())
            if due:
                text = tr("{n} records need review").format(n=due)
            elif not self.ctx.records().list(_contact_kind()):  # a new binder: nothing reviewed
                text = tr("No people yet: add them in People (Ctrl+2)")
            else:
                text = tr("All records reviewed")
            self.review_button.setText(text)
            self.review_button.setVisible(True)
        else:
            self.review_button.setVisible(False)
        self._update_lock_label()

    def _update_lock_label(self) -> None:
        lock = self.ctx.autolock
        if not self.ctx.unlocked or not lock.armed:
            self.lock_label.setText(tr("Locked") if self.ctx.session else "")
            return
        remaining = lock.remaining_ms() // 1000
        if 0 <= remaining < 60:
            self.lock_label.setText(tr("Locking in {s} s").format(s=remaining))
        else:
            minutes = max(1, round(lock.timeout_ms / 60_000))
            self.lock_label.setText(tr("Auto-lock after {m} min idle").format(m=minutes))

    # --- actions ----------------------------------------------------------------

    def _report(self, error: BinderError) -> None:
        """Show an error where the user is looking: the current screen's message area."""
        current = self.stack.currentWidget()
        if current is self.welcome:
            self.welcome.message.show_message(error.message, "error")
        elif current is self.unlock_page:
            self.unlock_page.error.show_message(error.message, "error")
        else:
            page = self.workspace.current_page()
            banner = getattr(page, "banner", None)
            if banner is not None:
                banner.show_message(error.message, "error")
            else:
                self.statusBar().showMessage(error.message, 10_000)

    def _leave_ok(self) -> bool:
        return not self._on_workspace() or self.workspace.current_page().confirm_leave()

    def open_path(self, path: Path, *, demo: bool = False, secret: str | None = None,
                  use_keyring: bool = True) -> bool:
        """Open ``path``; unlock with ``secret`` or the remembered key, else ask."""
        if not self._leave_ok():
            return False
        try:
            session = self.ctx.open(path, demo=demo)
        except BinderError as error:
            self._report(error)
            return False
        if self.ctx.unlocked:  # it was already open here
            self.workspace.goto("who")
            return True
        self.show_unlock()
        if secret is not None:
            return self._unlock_direct(secret)
        if use_keyring and session.has_keyring_slot:
            return self.unlock_page.unlock("keyring")
        return True

    def _unlock_direct(self, secret: str) -> bool:
        self.unlock_page.passphrase.setText(secret)
        return self.unlock_page.unlock("passphrase")

    def open_binder(self) -> None:
        folder = str(self.ctx.session.path.parent) if self.ctx.session else str(paths.resolve().data)
        name = FileDialog.open_file_name(self, tr("Open a binder"), folder,
                                         tr("Binders (*.db);;All files (*)"))
        if name:
            self.open_path(Path(name))

    def open_demo(self) -> None:
        try:
            path, _created = ensure_demo(paths.resolve().demo_dir)
        except Exception as exc:
            error = user_error(exc)
            if error is None:
                raise
            self._report(error)
            return
        self.open_path(path, demo=True, secret=DEMO_PASSPHRASE)

    def create_binder(self) -> None:
        from ui.dialogs.create_wizard import CreateWizard
        if not self._leave_ok():
            return
        self.wizard = CreateWizard(self)
        self.wizard.finished.connect(self._wizard_finished)
        self.wizard.open()

    def _wizard_finished(self, _result: int) -> None:
        wizard, self.wizard = self.wizard, None
        if wizard is None:
            return
        session = wizard.take_session()
        wizard.deleteLater()
        if session is not None:
            self.ctx.adopt(session)

    def lock(self) -> None:
        self.ctx.lock("user")

    def undo(self) -> None:
        label = self.ctx.undo.next_label
        if label is None or not self._leave_ok():
            return
        ok, _ = self.ctx.run(lambda: self.ctx.undo.undo(self.ctx.records()), self._report)
        if ok:
            self.statusBar().showMessage(tr("Undone: {what}").format(what=label), 6000)
        self._update_actions()

    def show_search(self) -> None:
        from ui.dialogs.search_dialog import SearchDialog
        if self.search_dialog is None:
            self.search_dialog = SearchDialog(self.ctx, self)
            self.search_dialog.open_requested.connect(self.workspace.open_record)
        self.search_dialog.start()

    def start_incident(self) -> None:
        if self.workspace.goto("incidents"):
            page = self.workspace.pages["incidents"]
            page.start_incident()  # type: ignore[attr-defined]

    def _document_dialog(self, *, save: bool) -> None:
        from ui.print_actions import DocumentDialog
        dialog = DocumentDialog(self.ctx, self, save=save)
        page = self.workspace.current_page()
        incident = getattr(page, "incident", None)
        if incident is not None:
            dialog.choose("incident", incident.id)
        self.document_dialog = dialog
        dialog.open()

    def print_document(self) -> None:
        self._document_dialog(save=False)

    def save_pdf(self) -> None:
        self._document_dialog(save=True)

    def import_list(self) -> None:
        from ui.dialogs.import_dialog import ImportDialog
        ImportDialog.start(self.ctx, self)

    def restore_backup(self) -> None:
        from ui.dialogs.restore_dialog import RestoreDialog
        RestoreDialog(self.ctx, self).open()

    def show_settings(self) -> None:
        from ui.dialogs.settings_dialog import SettingsDialog
        SettingsDialog(self.ctx, self).open()

    def change_passphrase(self) -> None:
        from ui.dialogs.keys_dialog import ChangePassphraseDialog
        ChangePassphraseDialog(self.ctx, self).open()

    def new_recovery_key(self) -> None:
        from ui.dialogs.keys_dialog import NewRecoveryKeyDialog
        NewRecoveryKeyDialog(self.ctx, self).open()

    def _menus(self) -> list:  # type: ignore[type-arg]
        return [a.menu() for a in self.menuBar().actions() if a.menu() is not None]

    def show_shortcuts(self) -> None:
        from ui.dialogs.shortcuts_dialog import ShortcutsDialog, shortcut_rows
        rows = shortcut_rows([(m.title(), m.actions()) for m in self._menus()])
        ShortcutsDialog(rows, self).open()

    def show_about(self) -> None:
        from ui.dialogs.crash import versions
        QMessageBox.about(self, tr("About Crisis Binder"), "\n".join(
            [tr("An offline, encrypted data-breach response binder."), "", *versions()]))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if not self._leave_ok():
            event.ignore()
            return
        self.ctx.close()
        event.accept()


def _contact_kind() -> Kind:
    from binder.models import Kind  # not at import: the unlock screen shows without models

    return Kind.CONTACT
