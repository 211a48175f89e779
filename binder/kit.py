"""Write the Emergency Kit for an unlocked session."""

from __future__ import annotations

from pathlib import Path

from binder.keys import recovery
from binder.pdf.emergency_kit import KitData, render
from binder.session import BinderSession
from binder.storage.meta_repo import MetaRepo


def kit_data(session: BinderSession, recovery_key: str) -> KitData:
    meta = MetaRepo(session.db)
    return KitData(organisation=meta.get("organisation") or "", binder_id=session.binder_id,
                   binder_path=str(session.path.resolve()), recovery_key=recovery_key,
                   hex_key=recovery.to_hex(recovery.decode(recovery_key)),
                   created_at=(meta.get("created_at") or "")[:10],
                   page_size=meta.get("page_size", table="settings") or "A4")


def write_emergency_kit(session: BinderSession, recovery_key: str, target: Path) -> None:
    """The user asked for this file: it holds the recovery key in plaintext by design."""
    target.write_bytes(render(kit_data(session, recovery_key)))
