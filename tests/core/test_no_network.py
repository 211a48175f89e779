"""The app never opens a network socket: checked in-process and in a child
process with an audit hook that aborts on any internet socket."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

GUARD = r"""
import sys, socket
def hook(event, args):
    if event == "socket.__new__" and args[1] in (socket.AF_INET, socket.AF_INET6):
        print("NETWORK SOCKET OPENED", file=sys.stderr); sys.stderr.flush()
        import os; os._exit(99)
    if event == "socket.connect" and not isinstance(args[1], str):
        print("NETWORK CONNECT", args[1], file=sys.stderr); sys.stderr.flush()
        import os; os._exit(99)
sys.addaudithook(hook)
from binder.keys import kdf
kdf.set_test_params(kdf.KdfParams(8 * 1024, 1, 1))
from binder.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_guard_fixture_refuses_internet_sockets() -> None:
    with pytest.raises(AssertionError, match="network"):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_cli_flows_open_no_socket(tmp_path) -> None:
    env = {**__import__("os").environ, "CRISIS_BINDER_HOME": str(tmp_path / "home"),
           "CRISIS_BINDER_PASSPHRASE": "Orchid-Lantern-Ferry-1987!"}
    binder = str(tmp_path / "b.db")
    for args in (["--binder", binder, "init", "--org", "Fictional Corp", "--kit",
                  str(tmp_path / "kit.pdf")],
                 ["--binder", binder, "info", "--json"],
                 ["demo", "--path", str(tmp_path / "demo")]):
        proc = subprocess.run([sys.executable, "-c", GUARD, *args], capture_output=True,
                              text=True, timeout=120, env=env)
        assert proc.returncode == 0, (args, proc.stderr)
        assert "NETWORK" not in proc.stderr
