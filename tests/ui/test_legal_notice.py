"""The built-in legal content says, in the app, that it is not legal advice, with its date."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from binder.content.regulators import load_regulators


def _notices(page) -> list[str]:
    return [w.text() for w in page.findChildren(QLabel) if "not legal advice" in w.text()]


def test_regulators_and_templates_pages_carry_the_notice(opened) -> None:
    window = opened
    as_of = load_regulators().as_of.isoformat()
    for key in ("regulators", "templates"):
        window.workspace.goto(key)
        notices = _notices(window.workspace.pages[key])
        assert notices and as_of in notices[0], key
    window.workspace.goto("people")
    assert _notices(window.workspace.pages["people"]) == []
