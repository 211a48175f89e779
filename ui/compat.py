"""Work around PySide6 6.12.0's reference-count bug on Python 3.11.

PySide6-Essentials 6.12.0 (cp310-abi3 wheels) returns ``None`` from every
void method (``setText``, ``setFocus``, ``processEvents`` ...) and from null
pointers without taking a reference. On Python 3.12+ ``None`` is immortal
(PEP 683), so nothing happens; on Python 3.11 each call lowers ``None``'s
reference count by one, and after some tens of thousands of calls (a few
minutes of clicking) the interpreter aborts with "none_dealloc: deallocating
None". Measured here: 1,000 ``QLineEdit.setFocus()`` calls lower it by
exactly 1,000; the same wheel on Python 3.12 survives 2,000,000.

The fix that needs no memory: give ``None`` the huge reference count that
3.12 gives immortal objects, once, at import. ``None`` is a static object
that is never freed, so a large count changes nothing else. Remove this
module when the project requires Python 3.12 or a fixed PySide6.
"""

from __future__ import annotations

import ctypes
import sys

IMMORTAL_BOOST = 1 << 40


def make_none_immortal() -> bool:
    """Raise ``None``'s reference count far out of reach; True if it was needed."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < IMMORTAL_BOOST:
        refcount.value += IMMORTAL_BOOST
    return True
