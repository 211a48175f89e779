"""Dialogs: unlock helpers, first-run wizard, crash report, search, settings, seams."""
