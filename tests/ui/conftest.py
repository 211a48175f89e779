"""UI fixtures: a filled binder (the demo content, cheap KDF) copied per test,
and a main window with the dialog seams reset."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import BinderFixture, copy_binder, make_template_binder


@pytest.fixture(scope="session")
def _filled_template(tmp_path_factory: pytest.TempPathFactory, cheap_kdf: None) -> BinderFixture:
    from binder.demo_content import fill

    return make_template_binder(tmp_path_factory.mktemp("filled"), fill)


@pytest.fixture
def filled_binder(_filled_template: BinderFixture, tmp_path: Path) -> BinderFixture:
    """A binder with the demo people and organisations, fresh for this test."""
    return copy_binder(_filled_template, tmp_path / "filled")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After every fixture is torn down, destroy the widgets pytest-qt deleteLater()ed.

    Outside a running event loop Qt keeps them until some later test runs one
    (printing does, while a worker renders), and then the widgets of every test
    in between are destroyed in the middle of that test: an intermittent
    segfault in test_print after the 10,000-name editor of test_people_field.
    """
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    if QCoreApplication.instance() is not None:
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


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
