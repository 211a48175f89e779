"""The one rule: binder/ is Qt-free; ui/ never reaches storage or SQL."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = re.compile(r"\b(SELECT\s+[\w*(),\s]+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
                 r"PRAGMA\s+\w+)\b", re.IGNORECASE)
FORBIDDEN_IN_UI = ("sqlcipher3", "sqlite3", "sqlite_utils", "binder.storage")


def test_importing_the_core_and_cli_loads_no_qt() -> None:
    code = ("import sys, binder, binder.cli, binder.session, binder.pdf.base; "
            "import pkgutil, importlib; "
            "[importlib.import_module(m.name) for m in pkgutil.walk_packages(binder.__path__, 'binder.') if not m.name.endswith('__main__')]; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')]; "
            "print(','.join(bad))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == ""


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_ui_has_no_storage_or_sql_imports() -> None:
    offenders = []
    for path in (ROOT / "ui").rglob("*.py"):
        for name in _imports(path):
            if name.startswith(FORBIDDEN_IN_UI):
                offenders.append(f"{path.relative_to(ROOT)}: {name}")
        text = path.read_text(encoding="utf-8")
        if SQL.search(text):
            offenders.append(f"{path.relative_to(ROOT)}: SQL text")
    assert offenders == []


def test_core_never_imports_ui() -> None:
    offenders = [f"{p.relative_to(ROOT)}: {n}" for p in (ROOT / "binder").rglob("*.py")
                 for n in _imports(p) if n.split(".")[0] in ("ui", "PySide6", "shiboken6")]
    assert offenders == []
