"""run_op: call a service, show a BinderError where it happened, broadcast changes.

Anki's operations pattern in one function: the view passes the mutation and
an ``on_error`` that shows the message inline (under a field, in the page's
banner). A ChangeSet result is emitted on the bus so models re-query.
Anything that is not a user error propagates to the crash dialog.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from binder.errors import BinderError
from binder.models import ChangeSet
from binder.session import user_error
from ui.bus import Bus

log = logging.getLogger(__name__)
T = TypeVar("T")


class OpFailed(Exception):
    """Raised by :func:`run_op` after the error was shown (when ``raise_shown``)."""

    def __init__(self, error: BinderError) -> None:
        super().__init__(error.message)
        self.error = error


def changeset_of(result: object) -> ChangeSet | None:
    if isinstance(result, ChangeSet):
        return result
    if isinstance(result, tuple):
        for item in result:
            if isinstance(item, ChangeSet):
                return item
    return None


def run_op(fn: Callable[[], T], *, on_error: Callable[[BinderError], None],
           bus: Bus | None = None) -> tuple[bool, T | None]:
    """Run ``fn``; returns (ok, result). A user error goes to ``on_error``."""
    try:
        result = fn()
    except Exception as exc:
        error = user_error(exc)
        if error is None:
            raise
        log.info("operation refused: %s", type(error).__name__)
        on_error(error)
        return False, None
    changes = changeset_of(result)
    if bus is not None and changes:
        bus.changed.emit(changes)
    return True, result
