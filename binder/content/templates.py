"""Load and validate the built-in communication templates (resources/content/templates).

One TOML file per template, read with the standard library's tomllib. The file
name (without ``.toml``) must equal the template id. Every problem found in
every file is reported at once as a :class:`~binder.errors.ValidationErrors`;
a file that is not valid TOML is an :class:`~binder.errors.ImportFormatError`.

The dataclasses live in :mod:`binder.templating` (the renderer needs them and
user-written templates will use them too); they are re-exported here.

``TableReader`` and ``read_toml_dir`` are shared with
:mod:`binder.content.checklists`.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import re
import tomllib
from collections.abc import Iterable, Mapping
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from binder.errors import ImportFormatError, NotFoundError, ValidationError, ValidationErrors
from binder.templating import (
    MergeField,
    Section,
    Template,
    Variant,
    template_problems,
)

log = logging.getLogger(__name__)

__all__ = [
    "MergeField",
    "Section",
    "Template",
    "Variant",
    "TableReader",
    "builtin_templates",
    "get_template",
    "load_templates",
    "loads_toml",
    "read_toml_dir",
    "template_from_dict",
    "templates_dir",
]

TEMPLATE_KEYS = frozenset({
    "id", "title", "kind", "audience", "channel", "status", "as_of", "description",
    "document_title", "default_variant", "sources", "variants", "fields", "sections",
})
FIELD_KEYS = frozenset({"name", "description", "example"})
VARIANT_KEYS = frozenset({"code", "label"})
SECTION_KEYS = frozenset({"id", "heading", "body", "only_in", "omit_in"})


class TableReader:
    """Typed access to one TOML table, recording problems instead of raising."""

    def __init__(self, data: Mapping[str, Any], where: str,
                 problems: list[ValidationError]) -> None:
        self.data = data
        self.where = where
        self.problems = problems

    def problem(self, key: str, code: str, message: str) -> None:
        self.problems.append(ValidationError(f"{self.where}.{key}", code,
                                             f"{self.where}: {message}"))

    def check_keys(self, allowed: Iterable[str]) -> None:
        for key in sorted(set(self.data) - set(allowed)):
            self.problem(key, "unknown_key", f"unknown key '{key}'.")

    def text(self, key: str, *, required: bool = True) -> str:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "missing", f"'{key}' is required.")
            return ""
        if not isinstance(value, str):
            self.problem(key, "not_text", f"'{key}' must be text.")
            return ""
        if required and not value.strip():
            self.problem(key, "empty", f"'{key}' is empty.")
        return value

    def optional_text(self, key: str) -> str | None:
        value = self.text(key, required=False)
        return value if key in self.data and value else None

    def text_list(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "not_text_list", f"'{key}' must be a list of text.")
            return ()
        return tuple(value)

    def tables(self, key: str, *, required: bool = True) -> list[Mapping[str, Any]]:
        value = self.data.get(key)
        if value is None:
            if required:
                self.problem(key, "missing", f"'{key}' is required.")
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, "not_tables", f"'{key}' must be an array of tables ([[{key}]]).")
            return []
        return value


def loads_toml(source: str, where: str) -> dict[str, Any]:
    """Parse TOML typed by a user; a mistake is an ImportFormatError with its line and column."""
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.11 only puts the position in the message: "... (at line 5, column 31)".
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise ImportFormatError(message, line=int(found.group(1)) if found else None,
                                column=int(found.group(2)) if found else None,
                                path=where) from None


def read_toml_dir(directory: Traversable | Path) -> list[tuple[str, dict[str, Any]]]:
    """``(file stem, parsed table)`` for each ``*.toml`` in ``directory``, sorted by name."""
    entries = sorted((e for e in directory.iterdir() if e.name.endswith(".toml")),
                     key=lambda e: e.name)
    out: list[tuple[str, dict[str, Any]]] = []
    for entry in entries:
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise ImportFormatError(f"not valid TOML: {err}", path=entry.name) from err
        out.append((entry.name[: -len(".toml")], data))
    return out


def templates_dir() -> Traversable:
    """Where the shipped templates live (inside the ``resources`` package)."""
    return importlib.resources.files("resources.content") / "templates"


def template_from_dict(data: Mapping[str, Any], *, source: str = "template",
                       problems: list[ValidationError] | None = None) -> Template:
    """Build a Template from a parsed TOML table.

    Raises ValidationErrors listing every problem, unless a ``problems`` list
    is passed, in which case problems are appended there and a best-effort
    Template is returned.
    """
    found: list[ValidationError] = []
    r = TableReader(data, source, found)
    r.check_keys(TEMPLATE_KEYS)

    merge_fields = []
    for i, table in enumerate(r.tables("fields")):
        fr = TableReader(table, f"{source}.fields[{i}]", found)
        fr.check_keys(FIELD_KEYS)
        merge_fields.append(MergeField(name=fr.text("name"), description=fr.text("description"),
                                       example=fr.text("example", required=False)))

    variants = []
    for i, table in enumerate(r.tables("variants", required=False)):
        vr = TableReader(table, f"{source}.variants[{i}]", found)
        vr.check_keys(VARIANT_KEYS)
        variants.append(Variant(code=vr.text("code"), label=vr.text("label")))

    sections = []
    for i, table in enumerate(r.tables("sections")):
        sr = TableReader(table, f"{source}.sections[{i}]", found)
        sr.check_keys(SECTION_KEYS)
        sections.append(Section(
            id=sr.text("id"),
            heading=sr.optional_text("heading"),
            body=sr.text("body").strip("\n"),
            only_in=sr.text_list("only_in"),
            omit_in=sr.text_list("omit_in"),
        ))

    template = Template(
        id=r.text("id"),
        title=r.text("title"),
        kind=r.text("kind"),
        audience=r.text("audience"),
        channel=r.text("channel"),
        status=r.text("status"),
        as_of=r.text("as_of"),
        description=r.text("description").strip(),
        document_title=r.text("document_title"),
        default_variant=r.optional_text("default_variant"),
        sources=r.text_list("sources"),
        fields=tuple(merge_fields),
        variants=tuple(variants),
        sections=tuple(sections),
    )
    if not found:
        found.extend(template_problems(template))
    if problems is not None:
        problems.extend(found)
    elif found:
        raise ValidationErrors(found)
    return template


def load_templates(directory: Traversable | Path | None = None) -> tuple[Template, ...]:
    """Load and validate every template in ``directory`` (default: the shipped ones).

    Checks, besides each template's own structure: the file name equals the
    id, ids are unique, shipped templates are drafts with an as-of date and
    at least one source. All problems are raised together as ValidationErrors.
    """
    directory = templates_dir() if directory is None else directory
    problems: list[ValidationError] = []
    templates: list[Template] = []
    seen: dict[str, str] = {}
    for stem, data in read_toml_dir(directory):
        source = f"{stem}.toml"
        t = template_from_dict(data, source=source, problems=problems)
        where = f"{source}.id"
        if t.id != stem:
            problems.append(ValidationError(where, "id_mismatch",
                                            f"{source}: the id '{t.id}' must match the file name."))
        if t.id in seen:
            problems.append(ValidationError(where, "duplicate",
                                            f"{source}: id '{t.id}' is also used by {seen[t.id]}."))
        seen.setdefault(t.id, source)
        if t.status != "draft":
            problems.append(ValidationError(f"{source}.status", "not_draft",
                                            f"{source}: shipped templates must be 'draft'."))
        if not t.sources:
            problems.append(ValidationError(f"{source}.sources", "no_sources",
                                            f"{source}: cite at least one source."))
        templates.append(t)
    if problems:
        raise ValidationErrors(problems)
    log.debug("loaded %d templates", len(templates))
    return tuple(templates)


@functools.cache
def builtin_templates() -> tuple[Template, ...]:
    """The shipped templates, loaded once per process."""
    return load_templates()


def get_template(template_id: str) -> Template:
    """The shipped template with this id, or NotFoundError."""
    for t in builtin_templates():
        if t.id == template_id:
            return t
    known = ", ".join(t.id for t in builtin_templates())
    raise NotFoundError(f"There is no built-in template '{template_id}'. Known templates: {known}.")
