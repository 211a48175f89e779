"""UI fixtures: a filled binder (the demo content, cheap KDF) copied per test,
and a main window with the dialog seams reset."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSPHRASE, BinderFixture


@pytest.fixture(scope="session")
def _filled_template(tmp_path_factory: pytest.TempPathFactory, cheap_kdf: None) -> BinderFixture:
    from binder.demo_content import fill
    from binder.session import create_binder

    path = tmp_path_factory.mktemp("filled") / "binder.db"
    session, recovery_key = create_binder(path, PASSPHRASE, "Fictional Corp")
    with session:
        fill(session)
        binder_id = session.binder_id
        session.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return BinderFixture(path, PASSPHRASE, recovery_key, binder_id)


@pytest.fixture
def filled_binder(_filled_template: BinderFixture, tmp_path: Path) -> BinderFixture:
    """A binder with the demo people and organisations, fresh for this test."""
    folder = tmp_path / "filled"
    folder.mkdir()
    target = folder / "binder.db"
    for suffix in ("", ".keys", ".keys.bak"):
        source = _filled_template.path.with_name(_filled_template.path.name + suffix)
        if source.exists():
            shutil.copy2(source, target.with_name(target.name + suffix))
    return BinderFixture(target, _filled_template.passphrase, _filled_template.recovery_key,
                         _filled_template.binder_id)


@pytest.fixture
def window(qtbot) -> Iterator["object"]:
    from ui.app import build_main_window
    from ui.dialogs.seams import Ask, Button, FileDialog, MessageBox

    FileDialog.reset()
    MessageBox.reset()
    Ask.reset()
    Ask.unattended = True
    FileDialog.unattended = True  # an unexpected dialog must not hang the suite
    MessageBox.unattended = Button.Cancel
    win = build_main_window()
    qtbot.addWidget(win)
    win.show()
    yield win
    MessageBox.unattended = Button.Discard
    win.close()
    win.ctx.close()
    FileDialog.reset()
    MessageBox.reset()
    Ask.reset()
    Ask.unattended = False
    FileDialog.unattended = False
    MessageBox.unattended = None


@pytest.fixture
def opened(window, filled_binder: BinderFixture):
    """The main window with the filled binder unlocked."""
    assert window.open_path(filled_binder.path, secret=filled_binder.passphrase)
    assert window.ctx.unlocked
    return window
