"""User-facing errors.

Everything a user can cause (a wrong passphrase, a bad phone number, a broken
import file) raises a BinderError subclass with a message written for that
user. The CLI maps each class to an exit code; the UI shows the message inline.
Anything that is not a BinderError is a bug and goes to the crash report.
"""

from __future__ import annotations

from collections.abc import Sequence


class BinderError(Exception):
    """Base class: ``str(err)`` is a complete sentence a user can act on."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnlockError(BinderError):
    """The binder could not be unlocked with what was given."""

    exit_code = 3


class WrongKeyError(UnlockError):
    """Wrong passphrase, recovery key or remembered key."""


class RecoveryKeyTypoError(UnlockError):
    """The recovery key fails its checksum: a typo, nothing was tried."""


class NotABinderError(BinderError):
    """The file is not a binder, or it is damaged."""


class KeyFileError(BinderError):
    """The key sidecar is missing, damaged or does not belong to this binder."""


class LockedError(BinderError):
    """The binder is open elsewhere, or the session is locked."""


class NotFoundError(BinderError):
    """A record, file or binder that was asked for does not exist."""


class SchemaTooNewError(BinderError):
    """The binder was written by a newer version of the app."""


class KeyringUnavailable(BinderError):
    """No safe OS keyring is available (or it timed out, or is locked)."""


class WeakPassphraseError(BinderError):
    """The passphrase is too easy to guess."""


class ValidationError(BinderError):
    """One field of a record is invalid."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.code = code


class ValidationErrors(BinderError):
    """Several fields are invalid at once; ``errors`` holds each one."""

    def __init__(self, errors: Sequence[ValidationError]) -> None:
        self.errors = list(errors)
        lines = [f"{e.field}: {e.message}" for e in self.errors]
        super().__init__("; ".join(lines))


class ImportFormatError(BinderError):
    """A problem at a place in an import file (line and column or field)."""

    def __init__(self, message: str, *, line: int | None = None,
                 column: int | str | None = None, path: str | None = None) -> None:
        where = []
        if path:
            where.append(path)
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column}" if isinstance(column, int) else f"field {column}")
        prefix = (", ".join(where) + ": ") if where else ""
        super().__init__(prefix + message)
        self.reason = message
        self.line = line
        self.column = column
        self.path = path


class MissingFieldsError(BinderError):
    """A template was rendered without values for some merge fields."""

    def __init__(self, fields: Sequence[str], *, unknown: Sequence[str] = ()) -> None:
        self.fields = sorted(set(fields))
        self.unknown = sorted(set(unknown))
        parts = []
        if self.fields:
            parts.append("missing values for " + ", ".join(self.fields))
        if self.unknown:
            parts.append("unknown fields " + ", ".join(self.unknown))
        super().__init__("Cannot render the template: " + "; ".join(parts) + ".")


class StorageError(BinderError):
    """The disk refused: full, read-only, or the file vanished while open."""


class LogTamperedError(BinderError):
    """An incident log's hash chain is broken."""

    exit_code = 4
