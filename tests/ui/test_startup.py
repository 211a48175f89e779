"""Startup: the unlock screen shows without the unlocked app's modules, and the
preloader loads them (and builds the workspace) before the user unlocks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import BinderFixture

# Modules the unlock screen must not wait for (each costs milliseconds at startup).
HEAVY = ("sqlcipher3", "sqlite_utils", "binder.storage", "binder.services", "binder.lint",
         "binder.models", "phonenumbers", "cryptography", "argon2", "zxcvbn", "keyring",
         "reportlab", "binder.pdf", "ui.views.workspace", "ui.views.record_page", "ui.ops")

SCRIPT = r"""
import json, sys
from pathlib import Path
from ui.app import build_main_window

heavy = tuple(json.loads(sys.argv[3]))
def loaded():
    return sorted(m for m in sys.modules if m in heavy or m.startswith(tuple(h + "." for h in heavy)))

window = build_main_window()
window.show()
window.open_path(Path(sys.argv[1]))
window.grab()
out = {"at_unlock_screen": loaded(), "page": window.stack.currentWidget() is window.unlock_page,
       "workspace_built": window._workspace is not None}
window.preloader.finish()
from binder.session import UNLOCK_MODULES
from ui.preload import APP_MODULES
out["not_preloaded"] = [m for m in (*UNLOCK_MODULES, *APP_MODULES) if m not in sys.modules]
out["workspace_complete"] = window._workspace is not None and window._workspace.is_complete
before = set(sys.modules)
window.unlock_page.passphrase.setText(sys.argv[2])
out["unlocked"] = window.unlock_page.unlock("passphrase")
window.grab()
out["imported_by_unlock"] = sorted(m for m in set(sys.modules) - before
                                   if m.split(".")[0] in ("binder", "ui", "sqlite_utils", "phonenumbers"))
out["reportlab"] = any(m.split(".")[0] == "reportlab" for m in sys.modules)
window.ctx.close()
print(json.dumps(out))
"""


def test_unlock_screen_without_the_unlocked_app_then_preloaded(filled_binder: BinderFixture):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(filled_binder.path),
                           filled_binder.passphrase, json.dumps(HEAVY)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["page"] and not out["workspace_built"]
    assert out["at_unlock_screen"] == []
    assert out["not_preloaded"] == []  # a renamed module: update the lists
    assert out["workspace_complete"] and out["unlocked"]
    # Anything listed here makes the first unlock wait: add it to ui/preload.py.
    assert out["imported_by_unlock"] == []
    assert not out["reportlab"]  # printing loads it when asked, not the preloader


def test_preloader_runs_in_idle_steps_after_the_screen_shows(window, filled_binder, qtbot):
    window.open_path(filled_binder.path)
    preloader = window.preloader
    assert preloader.started
    qtbot.waitUntil(lambda: preloader.done, timeout=10_000)
    assert window._workspace is not None and window._workspace.is_complete
    assert window.unlock_page.isVisible()  # still waiting for the passphrase


def test_unlock_before_the_preloader_finishes_builds_what_is_missing(window, filled_binder):
    window.preloader._timer.stop()  # as if the user were faster than the preloader
    assert window.open_path(filled_binder.path, secret=filled_binder.passphrase)
    assert window.stack.currentWidget() is window.workspace
    assert window.workspace.is_complete and window.workspace.current_key() == "who"
