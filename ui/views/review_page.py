"""The review queue: one record due for its check at a time, driven from the keyboard.

C confirms it unchanged, E opens it in its editor, R removes it (asks once),
Y / N log a phone check (reached / not reached), S skips it for now. The
core's opening notice is shown once, calmly, in the page; never a modal.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from binder.errors import BinderError
from binder.models import Contact, Kind, Organization, Record, Regulator, TemplateRecord
from binder.services.review import ReviewItem
from ui.controller import AppController
from ui.dialogs.seams import MessageBox
from ui.i18n import tr
from ui.models.columns import kind_label
from ui.views.page import Page
from ui.widgets import InlineMessage, button, heading, named


def details(record: Record) -> str:
    """The facts a reviewer checks, one per line."""
    lines: list[str] = []
    if isinstance(record, Contact):
        lines += [f"{record.job_title}".strip()] if record.job_title else []
        lines += [f"{p.label}: {p.number}" for p in record.phones]
        lines += [f"{e.label}: {e.address}" for e in record.emails]
    elif isinstance(record, Organization):
        lines += [f"hotline: {record.hotline}"] if record.hotline else []
        lines += [f"{p.label}: {p.number}" for p in record.phones]
    elif isinstance(record, Regulator):
        lines += [record.regime, record.authority, record.deadline_text]
    elif isinstance(record, TemplateRecord):
        lines += [f"{record.audience} · {record.channel} · {record.status}"]
    lines.append(tr("Last confirmed: {at}").format(
        at=(record.verified_at or tr("never"))[:10] + (f" by {record.verified_by}"
                                                       if record.verified_by else "")))
    return "\n".join(line for line in lines if line)


class ReviewPage(Page):
    kinds = frozenset(Kind)

    KEYS = {Qt.Key.Key_C: "confirm", Qt.Key.Key_E: "edit", Qt.Key.Key_R: "remove",
            Qt.Key.Key_Y: "reached", Qt.Key.Key_N: "not_reached", Qt.Key.Key_S: "skip"}

    def __init__(self, ctx: AppController, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.title = tr("Review")
        self.queue: list[ReviewItem] = []
        self.skipped: set[str] = set()
        self.item: ReviewItem | None = None
        self._notice_shown = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        named(self, tr("Review queue"), tr("C confirm, E edit, R remove, Y reached, N not "
                                           "reached, S skip"))
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.title, 1.6))
        self.notice = InlineMessage(tr("Review notice"))
        self.banner = InlineMessage(tr("Message"))
        self.progress = named(QLabel(), tr("Review progress"))
        intro = named(QLabel(tr(
            "One entry at a time: check it against the real world, then C confirms it "
            "unchanged, E opens it to correct, R removes it, Y / N record a phone check "
            "(reached / not reached) and S skips it for now.")), tr("How the review works"))
        intro.setWordWrap(True)
        self.record_title = heading("", 1.3)
        self.reason = named(QLabel(), tr("Why it is due"))
        self.details = named(QLabel(), tr("Details"))
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.done_label = named(QLabel(tr("Nothing needs review: every entry was confirmed "
                                          "recently.")), tr("Review finished"))
        for label in (self.reason, self.details, self.done_label):
            label.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {
            "confirm": button(tr("Confirm unchanged (C)"), tr("Confirm unchanged")),
            "edit": button(tr("Edit (E)"), tr("Edit")),
            "remove": button(tr("Remove… (R)"), tr("Remove")),
            "reached": button(tr("Called: reached (Y)"), tr("Called: reached")),
            "not_reached": button(tr("Called: not reached (N)"), tr("Called: not reached")),
            "skip": button(tr("Skip (S)"), tr("Skip")),
        }
        row = QHBoxLayout()
        for name, widget in self.buttons.items():
            widget.clicked.connect(lambda _c=False, n=name: self.do(n))
            row.addWidget(widget)
        row.addStretch(1)
        for widget in (self.notice, intro, self.progress, self.banner, self.record_title,
                       self.reason, self.details, self.done_label):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addStretch(1)
        self.import_button = button(tr("Import updated list…"), tooltip=tr("Ctrl+Shift+M"))
        self.import_button.clicked.connect(self._import)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        layout.addLayout(bottom)
        self._show()

    def models(self) -> list:  # type: ignore[type-arg]
        return []

    # --- data -------------------------------------------------------------------

    def reload(self) -> None:
        self.queue = self.ctx.review_queue()
        if not self._notice_shown:
            self._notice_shown = True
            text = self.ctx.review().opening_notice()
            if text:
                self.notice.show_message(text, "info")
        self._show()

    def clear(self) -> None:
        self.queue, self.item = [], None
        self.skipped.clear()
        self._notice_shown = False
        self.notice.clear_message()
        self.banner.clear_message()
        self._show()

    def _show(self) -> None:
        waiting = [i for i in self.queue if i.record.id not in self.skipped]
        if not waiting and self.skipped:  # went round once: offer the skipped ones again
            self.skipped.clear()
            waiting = list(self.queue)
        self.item = waiting[0] if waiting else None
        item = self.item
        self.done_label.setVisible(item is None and bool(self.ctx.unlocked) and not self.stale)
        for widget in (self.record_title, self.reason, self.details):
            widget.setVisible(item is not None)
        for name, widget in self.buttons.items():
            phone = name in ("reached", "not_reached")
            widget.setVisible(item is not None and (not phone or bool(item.phone)))
        if self.ctx.unlocked and not self.stale:  # not before the page is first shown
            progress = self.ctx.review().progress()
            self.progress.setText(tr("{done} of {total} reviewed").format(
                done=progress.done, total=progress.done + len(self.queue)))
        else:
            self.progress.setText("")
        if item is None:
            return
        record = item.record
        self.record_title.setText(f"{kind_label(record.kind)}: {record.title}")
        self.record_title.setAccessibleName(self.record_title.text())
        self.reason.setText(tr("Due because: {why}").format(why=item.reason)
                            + ("\n" + tr("Number to check: {n}").format(n=item.phone) if item.phone else ""))
        self.details.setText(details(record))

    # --- actions ----------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt API)
        action = self.KEYS.get(Qt.Key(event.key()))
        if action and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier \
                and self.buttons[action].isVisible():
            self.do(action)
            return
        super().keyPressEvent(event)

    def focus_main(self) -> None:
        self.setFocus()

    def _error(self, error: BinderError) -> None:
        self.banner.show_message(error.message, "error")

    def do(self, action: str) -> None:
        item = self.item
        if item is None:
            return
        record, review = item.record, self.ctx.review()
        self.banner.clear_message()
        if action == "skip":
            self.skipped.add(record.id)
            self._show()
        elif action == "edit":
            self.open_requested.emit(record.kind.value, record.id)
        elif action == "confirm":
            self.ctx.run(lambda: review.confirm([record.id]), self._error)
        elif action == "remove":
            if MessageBox.question(self, tr("Remove"), tr(
                    "Remove {title}? Ctrl+Z does not bring it back from here; the history "
                    "keeps it.").format(title=record.title), yes_text=tr("Remove"),
                    no_text=tr("Keep")):
                self.ctx.run(lambda: review.remove(record.id, force=True), self._error)
        else:
            self.ctx.run(lambda: review.call(record.id, reached=action == "reached"), self._error)
            if action == "not_reached":
                self.skipped.add(record.id)  # it stays flagged; move on to the next
                self._show()
        self.setFocus()

    def _import(self) -> None:
        from ui.dialogs.import_dialog import ImportDialog
        ImportDialog.start(self.ctx, self)
