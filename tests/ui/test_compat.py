"""The PySide6 6.12 / Python 3.11 reference-count workaround (ui/compat.py)."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QCheckBox, QLineEdit

from ui.compat import IMMORTAL_BOOST, make_singletons_immortal


class _Emitter(QObject):
    fired = Signal(bool)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None, True, False are immortal on 3.12+")
def test_importing_ui_puts_the_singletons_out_of_reach():
    for obj in (None, True, False):
        assert sys.getrefcount(obj) > IMMORTAL_BOOST // 2


def test_many_void_calls_emits_and_slots_do_not_abort(qtbot):
    edit, box, emitter = QLineEdit(), QCheckBox(), _Emitter()
    qtbot.addWidget(edit)
    qtbot.addWidget(box)
    box.toggled.connect(lambda _on: None)
    emitter.fired.connect(lambda _on: None)
    for n in range(20_000):  # far more than the unboosted counts of None and True
        edit.setFocus()
        emitter.fired.emit(True)
        box.setChecked(bool(n % 2))
    assert box.isChecked() is True


def test_the_workaround_is_a_no_op_where_not_needed(monkeypatch):
    monkeypatch.setattr(sys, "version_info", (3, 12, 0))
    assert make_singletons_immortal() is False
