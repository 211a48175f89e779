"""Work around PySide6 6.12.0's reference-count bug on Python 3.11.

PySide6-Essentials 6.12.0 (cp310-abi3 wheels) hands back ``None``, ``True``
and ``False`` without taking a reference: every void method (``setText``,
``setFocus``, ``processEvents`` ...), every ``Signal.emit()`` (which returns
True) and every Python slot called from C++ (its ``None`` result) lowers that
object's reference count by one. On Python 3.12+ these objects are immortal
(PEP 683) and nothing happens; on Python 3.11 the interpreter aborts after
some thousands of calls ("none_dealloc: deallocating None", "bool_dealloc"),
which is a few minutes of clicking. Measured here: 1,000 ``setFocus()``
calls lower None's count by exactly 1,000, 500 ``emit()`` calls lower
True's by 500; the same wheel on Python 3.12 survives 2,000,000 calls.
Other objects (ints, strings, records) are not affected.

The fix needs no memory: give the three singletons the huge reference count
3.12 gives immortal objects, once, at import. They are static objects that
are never freed, so a large count changes nothing else. Remove this module
when the project requires Python 3.12 or a PySide6 without the bug.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL_BOOST = 1 << 40
SINGLETONS = (None, True, False)


def make_singletons_immortal() -> bool:
    """Raise the singletons' reference counts far out of reach; True if it was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    for obj in SINGLETONS:
        refcount = ctypes.c_ssize_t.from_address(id(obj))
        if refcount.value < IMMORTAL_BOOST:
            refcount.value += IMMORTAL_BOOST
    return True
