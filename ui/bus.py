"""App-wide signals: one place the views listen to, past-tense names."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class Bus(QObject):
    opened = Signal()          # a session was unlocked: views (re)load
    locked = Signal()          # the session was locked: views clear everything
    closed = Signal()          # the binder was closed (another one may open)
    changed = Signal(object)   # a ChangeSet: models re-query the kinds it lists
    status = Signal(str)       # a short message for the status bar
    problem = Signal(str)      # a lasting problem with the open binder, shown until it locks
    undo_changed = Signal()    # something was pushed on (or taken off) the undo stack
