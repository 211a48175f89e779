"""The demo binder: realistic fictional content, passphrase "demo".

It exists so a new user (and `make run`) can see a filled binder at once.
Everything in it is invented: Fictional Corp, example.com, 555 numbers.
"""

from __future__ import annotations

import logging
from pathlib import Path

from binder.errors import BinderError
from binder.session import BinderSession, create_binder

log = logging.getLogger(__name__)

DEMO_PASSPHRASE = "demo"
DEMO_FILENAME = "demo-binder.db"
DEMO_ORG = "Fictional Corp (demo)"


def ensure_demo(folder: Path, *, reset: bool = False) -> tuple[Path, bool]:
    """Create the demo binder in ``folder`` unless it is there; return (path, created)."""
    path = folder / DEMO_FILENAME
    if path.exists() and not reset:
        return path, False
    if path.exists():
        for suffix in ("", ".keys", ".keys.bak", "-wal", "-shm"):
            target = path.with_name(path.name + suffix)
            if target.exists():
                target.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    # The demo holds only invented data, so its well-known passphrase is
    # allowed past the strength check; real binders never are.
    session, _recovery = create_binder(path, DEMO_PASSPHRASE, DEMO_ORG, check_strength=False)
    with session:
        try:
            from binder.demo_content import fill

            fill(session)
        except ImportError:  # content arrives with the records issue
            log.info("demo content not available yet")
        except BinderError:
            raise
    return path, True


def open_demo(folder: Path) -> BinderSession:
    path, _created = ensure_demo(folder)
    session = BinderSession.open(path)
    session.unlock_with_passphrase(DEMO_PASSPHRASE)
    return session
