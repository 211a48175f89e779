"""Load what the unlocked app needs while its first screen waits for the user.

Showing the unlock screen needs PySide6, the unlock page and the key slots
beside the binder: a fraction of what the unlocked app imports. The rest
(storage, services, the linter, the workspace's pages) is imported here, and
the workspace built one page at a time, once that screen is up, so the
window appears sooner and unlocking does not wait for any of it either. If
the user unlocks before the steps are done, the unlock loads what is missing.

Why on the GUI thread, one small step per timer tick: the workspace steps
create widgets, which only the GUI thread may do; an import in a worker
thread would hold the GIL (and that module's import lock) as long as it does
here, so it would not make typing smoother, only less predictable; and the
unlock itself runs on the GUI thread, so nothing can overlap with it anyway.
A zero-timeout timer lets Qt handle every pending keystroke and paint
between two steps, and the lists below are ordered leaf first so that no
step takes much more than a frame. The first step waits START_DELAY_MS so
that the screen paints before any of this starts.
"""

from __future__ import annotations

import importlib
import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from binder.session import UNLOCK_MODULES

log = logging.getLogger(__name__)

START_DELAY_MS = 200

# What the unlocked app imports (after UNLOCK_MODULES), leaf first. binder.lint
# is one step of 50-75 ms here (it compiles ~100 patterns at import), so it
# comes early, while the user is least likely to be typing yet.
APP_MODULES = (
    "binder.lint", "binder.models", "zoneinfo", "binder.deadlines", "binder.incident_models",
    "phonenumbers", "binder.services.validation", "binder.services.records",
    "binder.services.settings", "binder.services.search", "binder.services.backup",
    "binder.services.importer", "binder.services.review", "binder.templating",
    "binder.content.templates", "binder.content.checklists", "binder.services.incidents",
    "binder.services.templates", "binder.first_hour", "ui.ops",
    "ui.models.rows_model", "ui.models.columns", "ui.models.incident_columns",
    "ui.views.page", "ui.views.fields", "ui.views.field_widgets", "ui.views.people_field",
    "ui.views.editor", "ui.views.record_page", "ui.views.who_page", "ui.views.review_page",
    "ui.views.template_editor", "ui.views.template_page", "ui.views.checklist_view",
    "ui.views.checklist_page", "ui.dialogs.start_incident",
    "ui.views.incident_panels", "ui.views.incident_page", "ui.views.workspace",
    "ui.dialogs.search_dialog", "ui.workers",
)


class Preloader(QObject):
    """Imports UNLOCK_MODULES and APP_MODULES, then runs ``steps`` (each returns True
    while it has more to do), one per timer tick."""

    def __init__(self, parent: QObject, *steps: Callable[[], bool]) -> None:
        super().__init__(parent)
        self._modules = [*UNLOCK_MODULES, *APP_MODULES]
        self._steps = list(steps)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.step)
        self.started = False

    @property
    def done(self) -> bool:
        return not self._modules and not self._steps

    def start(self) -> None:
        """Begin after START_DELAY_MS (once; later calls do nothing)."""
        if not self.started:
            self.started = True
            self._timer.start(START_DELAY_MS)

    def step(self) -> None:
        """Do one step now and schedule the next."""
        start = time.perf_counter()
        what = ""
        if self._modules:
            what = self._modules.pop(0)
            try:
                importlib.import_module(what)
            except ImportError as exc:  # the unlock will raise it where it matters
                log.warning("preload: %s", exc)
        elif self._steps:
            what = getattr(self._steps[0], "__name__", "step")
            if not self._steps[0]():
                self._steps.pop(0)
        log.debug("preload %s: %.1f ms", what, (time.perf_counter() - start) * 1000)
        if not self.done:
            self._timer.start(0)

    def finish(self) -> None:
        """Run every remaining step now (tests)."""
        self._timer.stop()
        while not self.done:
            self.step()
        self._timer.stop()
