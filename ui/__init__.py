"""The PySide6 desktop app: a thin shell over the Qt-free ``binder`` core."""

from ui.compat import make_singletons_immortal

make_singletons_immortal()  # before any Qt call: see ui/compat.py
