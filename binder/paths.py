"""Where the binder, settings and logs live.

Order of precedence: an explicit argument, then ``CRISIS_BINDER_HOME``, then a
``.portable`` marker beside the executable (USB-stick mode: everything stays
beside the app), then the platform's per-user directories. This is the one
module that knows about PyInstaller's ``sys._MEIPASS``.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "crisis-binder"
HOME_ENV = "CRISIS_BINDER_HOME"
BINDER_ENV = "CRISIS_BINDER_PATH"
PORTABLE_MARKER = ".portable"
BINDER_FILENAME = "binder.db"


@dataclass(frozen=True)
class AppPaths:
    data: Path
    config: Path
    logs: Path
    portable: bool

    @property
    def default_binder(self) -> Path:
        return self.data / BINDER_FILENAME

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def demo_dir(self) -> Path:
        return self.data / "demo"


def executable_dir() -> Path:
    """The folder holding the running app (the bundle when frozen)."""
    if getattr(sys, "frozen", False):
        folder = Path(sys.executable).resolve().parent
        # In a macOS .app the marker cannot live inside the signed bundle:
        # look beside the .app instead.
        if folder.name == "MacOS" and folder.parent.name == "Contents" \
                and folder.parent.parent.suffix == ".app":
            return folder.parent.parent.parent
        return folder
    return Path(sys.argv[0] or ".").resolve().parent


def bundle_dir() -> Path | None:
    """PyInstaller's unpack folder, or None when running from source."""
    meipass = getattr(sys, "_MEIPASS", None)
    return Path(meipass) if meipass else None


def resolve(explicit_home: str | os.PathLike[str] | None = None,
            exe_dir: Path | None = None) -> AppPaths:
    if explicit_home is not None:
        return _under(Path(explicit_home), portable=False)
    env_home = os.environ.get(HOME_ENV)
    if env_home:
        return _under(Path(env_home), portable=False)
    exe = exe_dir if exe_dir is not None else executable_dir()
    if (exe / PORTABLE_MARKER).exists():
        return _under(exe / "crisis-binder-data", portable=True)
    return AppPaths(
        data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        logs=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
        portable=False,
    )


def _under(root: Path, *, portable: bool) -> AppPaths:
    return AppPaths(data=root / "data", config=root / "config", logs=root / "logs",
                    portable=portable)


def binder_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The binder to open: explicit path, then ``CRISIS_BINDER_PATH``, then the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(BINDER_ENV)
    if env:
        return Path(env).expanduser()
    return resolve().default_binder


def ensure_private_dir(path: Path) -> Path:
    """Create a directory readable only by the user (0700 where the OS has modes)."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path
