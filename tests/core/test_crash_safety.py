"""kill -9 during writes: no acknowledged record lost, file healthy, no plaintext."""

from __future__ import annotations

import random
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from binder.session import unlock_any
from binder.storage import connection
from binder.storage.records_repo import RecordsRepo
from tests.helpers.scan import files_containing

RUNS = 100


def _run_and_kill(binder_file, canary: str, mode: str, rng: random.Random) -> list[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.helpers.writer", str(binder_file.path),
         binder_file.recovery_key, canary, mode],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=Path(__file__).resolve().parents[2])
    assert proc.stdout is not None
    first = proc.stdout.readline()
    assert first.strip() == "ready", proc.stderr.read() if proc.stderr else first
    time.sleep(rng.uniform(0.0, 0.15))
    proc.kill()
    out, err = proc.communicate(timeout=30)
    assert "Traceback" not in err
    return [line.split()[1] for line in out.splitlines() if line.startswith("ack ")]


@pytest.mark.slow
def test_kill_9_during_writes_loses_nothing_acknowledged(binder_file, tmp_path) -> None:
    rng = random.Random(20261127)
    canary = "CANARY-" + uuid.uuid4().hex
    total_acked = 0
    for run in range(RUNS):
        mode = "wal" if run % 2 == 0 else "delete"
        acked = _run_and_kill(binder_file, f"{canary}-{run}", mode, rng)
        total_acked += len(acked)
        with unlock_any(binder_file.path, recovery_key=binder_file.recovery_key) as s:
            repo = RecordsRepo(s.db)
            for rid in acked:
                record = repo.get(rid)
                assert record is not None and record.title.startswith(f"{canary}-{run} "), (run, rid)
            assert connection.integrity_problems(s.db) == []
    assert total_acked > RUNS  # the writer really wrote between kills
    assert files_containing(canary, [binder_file.path.parent, tmp_path]) == []
