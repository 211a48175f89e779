"""PDF documents: pure functions, dataclasses in, PDF bytes out (reportlab)."""
