"""Qt models filled from dataclasses by ``set_rows``; no model holds a cursor."""
