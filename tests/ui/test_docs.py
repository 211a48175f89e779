"""The user guide's shortcut table matches the menus; its screenshots exist."""

from __future__ import annotations

import re
from pathlib import Path

from ui.actions import shortcut_text

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "USER_GUIDE.md"


def test_every_action_is_in_the_guide_table(window):
    text = GUIDE.read_text(encoding="utf-8")
    for menu in window._menus():
        for action in menu.actions():
            if action.isSeparator():
                continue
            row = (f"| {menu.title().replace('&', '')} | "
                   f"{action.text().replace('&', '').rstrip('…')} | {shortcut_text(action)} |")
            assert row in text, row


def test_screenshots_named_in_the_guide_exist():
    text = GUIDE.read_text(encoding="utf-8")
    names = re.findall(r"\(screenshots/([\w.-]+\.png)\)", text)
    assert names
    for name in names:
        assert (GUIDE.parent / "screenshots" / name).is_file(), name
