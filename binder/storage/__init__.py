"""Everything that touches SQL. Nothing outside binder/ imports this package.

Importing the package first imports connection.py, which points sqlite-utils
at sqlcipher3's exception classes before sqlite_utils is loaded by anything.
"""

from binder.storage import connection as _connection  # noqa: F401
