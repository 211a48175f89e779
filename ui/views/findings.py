"""Lint findings beside a text: rule, severity in words, message, why and the fix.

Used by incident statements and the template editor. Activating a finding
emits its character span so the owner can select it in the text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from binder.lint import Finding, Severity
from ui.i18n import tr
from ui.widgets import named, tone

SEVERITY_WORDS = {Severity.ERROR: "Error", Severity.WARNING: "Warning", Severity.INFO: "Note"}
SEVERITY_TONES = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: ""}


def blocking(findings: Sequence[Finding], waivers: Mapping[str, str]) -> list[Finding]:
    """Errors that stop a text going out: every error without a recorded waiver."""
    return [f for f in findings if f.severity is Severity.ERROR and f.rule not in waivers]


def finding_text(f: Finding, waived: bool = False) -> str:
    head = f"{tr(SEVERITY_WORDS[f.severity])} · {f.rule}" + (tr(" (waived)") if waived else "")
    lines = [head, f.message]
    if f.why:
        lines.append(tr("Why: {why}").format(why=f.why))
    if f.hint:
        lines.append(tr("Fix: {hint}").format(hint=f.hint))
    return "\n".join(lines)


class FindingsList(QListWidget):
    span_requested = Signal(int, int)  # start, end in the linted text

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, name, tr("Enter on a finding selects its words in the text."))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.findings: list[Finding] = []
        self.itemActivated.connect(self._activated)
        self.itemClicked.connect(self._activated)

    def show_findings(self, findings: Sequence[Finding], waivers: Mapping[str, str] = {}) -> None:  # noqa: B006
        self.clear()
        self.findings = list(findings)
        if not findings:
            item = QListWidgetItem(tr("No findings: nothing in this text trips the checks."))
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.addItem(item)
            return
        for n, f in enumerate(findings):
            waived = f.rule in waivers
            item = QListWidgetItem(finding_text(f, waived))
            item.setData(Qt.ItemDataRole.UserRole, n)
            kind = "" if waived else SEVERITY_TONES[f.severity]
            if kind:
                item.setForeground(tone(kind))
            self.addItem(item)

    def _activated(self, item: QListWidgetItem) -> None:
        n = item.data(Qt.ItemDataRole.UserRole)
        if n is None:
            return
        f = self.findings[n]
        if not f.whole_document:
            self.span_requested.emit(f.start, f.end)
