"""A checklist as it reads: title, phase, owner and mode in words, then the steps
numbered within each pause point, each with who does it and its note.

The words are the printed checklist's (binder/pdf/checklist.py): the same
mode help, "Pause point 1 of 3", role names, version and as-of date.
"""

from __future__ import annotations

from html import escape

from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from binder.content.checklists import MODE_HELP, Checklist, context_label
from binder.roster import role_label
from ui.i18n import tr
from ui.widgets import named, tone


def _muted() -> str:
    return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText).name()


def checklist_html(checklist: Checklist, note: str = "") -> str:
    """The checklist as rich text; every word from the checklist is escaped."""
    muted = _muted()
    facts = " · ".join(p for p in (
        escape(context_label(checklist)),
        tr("Owner: <b>{role}</b>").format(role=escape(role_label(checklist.owner))),
        tr("Checklist version {version}, as of {date}").format(
            version=escape(checklist.version), date=escape(checklist.as_of))) if p)
    mode_help = MODE_HELP.get(checklist.mode, tr("Run this list item by item."))
    parts = []
    if note:
        shown = escape(note).replace("\n", "<br/>")
        parts.append(f"<p style='color: {tone('warning').name()}'><b>{shown}</b></p>")
    parts += [f"<h2>{escape(checklist.title)}</h2>", f"<p>{facts}</p>",
              f"<p><b>{escape(checklist.mode)}</b>: {escape(mode_help)}</p>"]
    if checklist.description:
        parts.append(f"<p>{escape(checklist.description)}</p>")
    total = len(checklist.pause_points)
    for number, point in enumerate(checklist.pause_points, start=1):
        parts.append("<h3>" + tr("Pause point {n} of {total} · {name}").format(
            n=number, total=total, name=escape(point.name)) + "</h3>")
        items = []
        for item in point.items:
            who = tr("Who: {role}").format(role=escape(role_label(item.owner)))
            lines = [escape(item.text), f"<span style='color: {muted}'>{who}</span>"]
            if item.note:
                lines.append(f"<i>{escape(item.note)}</i>")
            items.append(f"<li style='margin-bottom: 6px'>{'<br/>'.join(lines)}</li>")
        parts.append(f"<ol>{''.join(items)}</ol>")
    if checklist.sources:
        cited = " ".join(f"[{n}] {escape(s)}" for n, s in enumerate(checklist.sources, start=1))
        parts.append(f"<p style='color: {muted}'><small><b>{tr('Sources.')}</b> {cited}"
                     "</small></p>")
    return "".join(parts)


class ChecklistView(QTextBrowser):
    """Read-only; the text is edited on the editor's Text tab."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, tr("Checklist"), tr("The checklist as it reads, step by step."))
        self.setOpenLinks(False)  # sources are text: nothing here should open a browser
        self.checklist: Checklist | None = None

    def show_checklist(self, checklist: Checklist, note: str = "") -> None:
        self.checklist = checklist
        self.setHtml(checklist_html(checklist, note))

    def show_problem(self, problem: str) -> None:
        self.checklist = None
        self.setHtml(f"<p style='color: {tone('error').name()}'><b>"
                     + escape(tr("This checklist's text cannot be read, so it cannot be shown "
                                 "or printed. Fix it on the Text tab:")) + "</b></p>"
                     + "<p>" + escape(problem).replace("\n", "<br/>") + "</p>")

    def show_nothing(self) -> None:
        self.checklist = None
        self.clear()
