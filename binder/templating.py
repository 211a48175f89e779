"""Merge-field templates: parse ``{{field_name}}`` placeholders and render them.

Syntax (docs/CONTENT.md has the long version):

- A merge field is ``{{field_name}}``: two braces, a lowercase snake_case name
  (``[a-z][a-z0-9_]*``), two braces. No spaces inside the braces.
- ``\\{{`` (a backslash before two opening braces) writes a literal ``{{``.
  Nothing else is special: a lone ``{``, ``}`` or ``}}`` is ordinary text.
- Anything else that opens with ``{{`` (``{{ bad name``, ``{{}}``, ``{{Org}}``,
  a ``{{`` with no ``}}`` on the same line) is a :class:`PlaceholderSyntaxError`
  naming the template, the section and the line.

Values are inserted literally: a value that contains ``{{x}}`` or ``\\{{`` is
never expanded again. Values are stripped of surrounding whitespace; a value
that is empty after stripping counts as missing.

A template is a list of sections. A section can be limited to some variants
(``only_in``) or dropped from some (``omit_in``), so one template can serve a
Massachusetts letter that must not describe the breach and a California letter
that must. This module is pure Python: no Qt, no I/O.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from binder.errors import MissingFieldsError, ValidationError
from binder.models import TEMPLATE_STATUSES

log = logging.getLogger(__name__)

__all__ = [
    "AUDIENCES",
    "CHANNELS",
    "KINDS",
    "STATUSES",
    "MergeField",
    "PlaceholderSyntaxError",
    "RenderedDocument",
    "RenderedSection",
    "Section",
    "Template",
    "Variant",
    "check_template",
    "escape",
    "fields",
    "render",
    "render_text",
    "template_problems",
]

FIELD_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
ID_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
VARIANT_CODE = re.compile(r"[A-Z0-9][A-Z0-9.\-]*\Z")

OPEN = "{{"
CLOSE = "}}"
ESCAPED_OPEN = "\\{{"

#: Template kinds; the shipped templates use these as their ids too.
KINDS: tuple[str, ...] = (
    "staff_holding",
    "public_holding",
    "media_qa",
    "us_consumer_notice",
    "gdpr_art33",
    "gdpr_art34",
    "hipaa_individual",
    "hipaa_media",
    "sec_8k",
    "update_bulletin",
    "partner_warning",
    "researcher_ack",
)

AUDIENCES: tuple[str, ...] = (
    "staff", "customers", "regulators", "media", "partners", "researchers", "investors",
)

CHANNELS: tuple[str, ...] = (
    "email", "letter", "web", "phone_script", "filing", "portal", "social", "sms", "print",
)

#: Shipped content is always "draft"; approval happens inside a binder.
STATUSES: tuple[str, ...] = TEMPLATE_STATUSES


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class MergeField:
    """One declared merge field: its name, what to write in it, a fictional example."""

    name: str
    description: str
    example: str = ""


@dataclass(frozen=True)
class Variant:
    """A supported variant of a template, e.g. ``US-MA`` "Massachusetts residents"."""

    code: str
    label: str


@dataclass(frozen=True)
class Section:
    """A block of the document: an optional heading and a body.

    ``only_in`` keeps the section only for the listed variants; ``omit_in``
    drops it for the listed variants. At most one of the two is set.
    """

    id: str
    body: str
    heading: str | None = None
    only_in: tuple[str, ...] = ()
    omit_in: tuple[str, ...] = ()

    def applies_to(self, variant: str | None) -> bool:
        """True when this section belongs in a document for ``variant``."""
        if self.only_in:
            return variant is not None and variant in self.only_in
        return variant is None or variant not in self.omit_in


@dataclass(frozen=True)
class Template:
    """A communication template: catalogue data plus the sections to render.

    ``title`` names the template in lists ("Staff holding note");
    ``document_title`` is the first line of the rendered document
    ("Notice of Data Breach") and may contain merge fields.
    """

    id: str
    title: str
    kind: str
    audience: str
    channel: str
    description: str
    document_title: str
    fields: tuple[MergeField, ...]
    sections: tuple[Section, ...]
    variants: tuple[Variant, ...] = ()
    default_variant: str | None = None
    status: str = "draft"
    as_of: str = ""
    sources: tuple[str, ...] = ()

    @property
    def field_names(self) -> tuple[str, ...]:
        """Declared field names in declaration order."""
        return tuple(f.name for f in self.fields)

    @property
    def variant_codes(self) -> tuple[str, ...]:
        return tuple(v.code for v in self.variants)

    def field(self, name: str) -> MergeField:
        """The declared field called ``name`` (KeyError if there is none)."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def resolve_variant(self, variant: str | None) -> str | None:
        """The canonical variant code to render, or a ValidationError.

        ``None`` means the template's default variant (which may be ``None``).
        Codes match case-insensitively.
        """
        if variant is None:
            return self.default_variant
        wanted = variant.strip().upper()
        for code in self.variant_codes:
            if code.upper() == wanted:
                return code
        known = ", ".join(self.variant_codes) or "none"
        raise ValidationError(
            "variant", "unknown_variant",
            f"Template '{self.id}' has no variant '{variant}'. Known variants: {known}.",
        )

    def sections_for(self, variant: str | None = None) -> tuple[Section, ...]:
        """The sections that make up the document for ``variant``."""
        code = self.resolve_variant(variant)
        return tuple(s for s in self.sections if s.applies_to(code))

    def used_fields(self, variant: str | None = None) -> list[str]:
        """Field names used by the title and the sections of ``variant``, in order.

        With ``variant=None`` and no default variant, only sections without
        ``only_in`` count. Use :meth:`all_used_fields` for every section.
        """
        parts: list[tuple[str | None, str, str]] = [(None, "title", self.document_title)]
        for s in self.sections_for(variant):
            parts.extend(_section_parts(s))
        return _fields_in(self.id, parts)

    def all_used_fields(self) -> list[str]:
        """Field names used anywhere in the template, whatever the variant."""
        parts: list[tuple[str | None, str, str]] = [(None, "title", self.document_title)]
        for s in self.sections:
            parts.extend(_section_parts(s))
        return _fields_in(self.id, parts)

    def example_values(self) -> dict[str, str]:
        """Each declared field mapped to its fictional example (for previews and tests)."""
        return {f.name: f.example for f in self.fields}


@dataclass(frozen=True)
class RenderedSection:
    heading: str | None
    body: str


@dataclass(frozen=True)
class RenderedDocument:
    """A filled-in template. ``missing`` is only non-empty for non-strict renders."""

    template_id: str
    variant: str | None
    title: str
    sections: tuple[RenderedSection, ...]
    missing: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """Plain text: the title, a blank line, then each section (heading above body)."""
        blocks = [self.title]
        for s in self.sections:
            blocks.append(f"{s.heading}\n{s.body}" if s.heading else s.body)
        return "\n\n".join(blocks) + "\n"

    @property
    def headings(self) -> list[str]:
        return [s.heading for s in self.sections if s.heading]


class PlaceholderSyntaxError(ValidationError):
    """A ``{{`` in a template that is not a well-formed merge field."""

    def __init__(self, *, snippet: str, reason: str, line: int, column: int,
                 template_id: str | None = None, section: str | None = None,
                 part: str = "body") -> None:
        where = []
        if template_id:
            where.append(f"template '{template_id}'")
        if section:
            where.append(f"section '{section}'" + ("" if part == "body" else f" {part}"))
        elif part != "body":
            where.append(part)
        where.append(f"line {line}")
        message = (
            f"{', '.join(where).capitalize()}: '{snippet}' is not a valid merge field ({reason}). "
            "Write {{field_name}} with lowercase letters, digits and underscores and no "
            "spaces, or write \\{{ to show two literal braces."
        )
        field_path = ".".join(p for p in (template_id, section, part) if p) or "text"
        super().__init__(field_path, "malformed_placeholder", message)
        self.snippet = snippet
        self.reason = reason
        self.line = line
        self.column = column
        self.template_id = template_id
        self.section = section
        self.part = part


# --------------------------------------------------------------------------- parsing

# A parsed text is a list of tokens: (False, literal text) or (True, field name).
_Token = tuple[bool, str]


def _parse(text: str, *, template_id: str | None = None, section: str | None = None,
           part: str = "body") -> list[_Token]:
    tokens: list[_Token] = []
    buf: list[str] = []
    i = 0
    n = len(text)
    while i < n:
        if text.startswith(ESCAPED_OPEN, i):
            buf.append(OPEN)
            i += len(ESCAPED_OPEN)
            continue
        if text.startswith(OPEN, i):
            line_end = text.find("\n", i)
            if line_end == -1:
                line_end = n
            close = text.find(CLOSE, i + 2, line_end)
            name = text[i + 2:close] if close != -1 else ""
            reason = ""
            if close == -1:
                reason = "no closing }} on the same line"
            elif not name:
                reason = "the name is empty"
            elif not FIELD_NAME.match(name):
                reason = "names use lowercase letters, digits and underscores only"
            if reason:
                end = close + 2 if close != -1 else min(line_end, i + 30)
                line = text.count("\n", 0, i) + 1
                column = i - (text.rfind("\n", 0, i) + 1) + 1
                raise PlaceholderSyntaxError(
                    snippet=text[i:end], reason=reason, line=line, column=column,
                    template_id=template_id, section=section, part=part,
                )
            if buf:
                tokens.append((False, "".join(buf)))
                buf = []
            tokens.append((True, name))
            i = close + 2
            continue
        buf.append(text[i])
        i += 1
    if buf:
        tokens.append((False, "".join(buf)))
    return tokens


def _section_parts(s: Section) -> list[tuple[str | None, str, str]]:
    parts: list[tuple[str | None, str, str]] = [(s.id, "body", s.body)]
    if s.heading:
        parts.insert(0, (s.id, "heading", s.heading))
    return parts


def _fields_in(template_id: str, parts: Iterable[tuple[str | None, str, str]]) -> list[str]:
    seen: dict[str, None] = {}
    for section, part, text in parts:
        for is_field, value in _parse(text, template_id=template_id, section=section, part=part):
            if is_field:
                seen.setdefault(value, None)
    return list(seen)


def fields(text: str) -> list[str]:
    """Merge-field names used in ``text``, in order of first use, without repeats.

    Raises :class:`PlaceholderSyntaxError` for a malformed placeholder.
    """
    seen: dict[str, None] = {}
    for is_field, value in _parse(text):
        if is_field:
            seen.setdefault(value, None)
    return list(seen)


def escape(text: str) -> str:
    """Make ``text`` safe to paste into a template: every ``{{`` becomes ``\\{{``."""
    return text.replace(OPEN, ESCAPED_OPEN)


def _clean(values: Mapping[str, str]) -> dict[str, str]:
    return {k: ("" if v is None else str(v)).strip() for k, v in values.items()}


def _fill(tokens: list[_Token], values: Mapping[str, str], missing: set[str]) -> str:
    out: list[str] = []
    for is_field, value in tokens:
        if not is_field:
            out.append(value)
        elif values.get(value):
            out.append(values[value])  # literal: never parsed again
        else:
            missing.add(value)
            out.append(OPEN + value + CLOSE)
    return "".join(out)


def render_text(text: str, values: Mapping[str, str], *, strict: bool = True) -> str:
    """Fill the merge fields of a free-standing text.

    Strict: every field used needs a non-empty value, else MissingFieldsError.
    Extra values are ignored (there is no declaration to check them against).
    Non-strict: gaps stay as ``{{name}}`` so the linter can flag them.
    """
    tokens = _parse(text)
    missing: set[str] = set()
    result = _fill(tokens, _clean(values), missing)
    if strict and missing:
        raise MissingFieldsError(sorted(missing))
    return result


def render(template: Template, values: Mapping[str, str], *,
           variant: str | None = None, strict: bool = True) -> RenderedDocument:
    """Render ``template`` for ``variant`` (default: the template's default variant).

    Strict (the default) raises one :class:`MissingFieldsError` listing at once
    every field used by this variant that has no non-empty value, every value
    given for a field the template does not declare, and every placeholder in
    the template that is not declared. Values for declared fields that this
    variant does not use are accepted and ignored.

    Non-strict never raises MissingFieldsError: gaps stay visible as
    ``{{name}}`` and are listed in ``RenderedDocument.missing``; unknown values
    are ignored. Malformed placeholders and unknown variants raise
    ValidationError in both modes.
    """
    code = template.resolve_variant(variant)
    active = [s for s in template.sections if s.applies_to(code)]
    clean = _clean(values)
    declared = set(template.field_names)

    title_tokens = _parse(template.document_title, template_id=template.id, part="title")
    parsed: list[tuple[list[_Token] | None, list[_Token]]] = []
    for s in active:
        heading = (_parse(s.heading, template_id=template.id, section=s.id, part="heading")
                   if s.heading else None)
        body = _parse(s.body, template_id=template.id, section=s.id, part="body")
        parsed.append((heading, body))

    used: dict[str, None] = {}
    for tokens in [title_tokens] + [t for h, b in parsed for t in ((h or []), b)]:
        for is_field, value in tokens:
            if is_field:
                used.setdefault(value, None)

    undeclared = [name for name in used if name not in declared]
    unknown_values = [name for name in clean if name not in declared]
    missing = [name for name in used if name in declared and not clean.get(name)]
    if strict and (missing or undeclared or unknown_values):
        log.debug("render %s/%s refused: %d missing, %d unknown",
                  template.id, code, len(missing), len(undeclared) + len(unknown_values))
        raise MissingFieldsError(missing, unknown=undeclared + unknown_values)

    gaps: set[str] = set()
    usable = {k: v for k, v in clean.items() if k in declared}
    title = _fill(title_tokens, usable, gaps)
    sections = tuple(
        RenderedSection(
            heading=_fill(h, usable, gaps) if h is not None else None,
            body=_fill(b, usable, gaps),
        )
        for h, b in parsed
    )
    return RenderedDocument(
        template_id=template.id, variant=code, title=title, sections=sections,
        missing=tuple(n for n in used if n in gaps),
    )


# --------------------------------------------------------------------------- checks


def template_problems(template: Template) -> list[ValidationError]:
    """Every structural problem in ``template`` (empty list: the template is sound).

    Checks ids and vocabularies, unique field/section/variant ids, variant
    references, placeholder syntax, and that every declared field is used and
    every used field declared.
    """
    t = template
    problems: list[ValidationError] = []

    def bad(where: str, code: str, message: str) -> None:
        problems.append(ValidationError(f"{t.id}.{where}", code, f"Template '{t.id}': {message}"))

    if not ID_PATTERN.match(t.id):
        bad("id", "bad_id", f"the id must be lowercase snake_case, not '{t.id}'.")
    for attr, allowed in (("kind", KINDS), ("audience", AUDIENCES),
                          ("channel", CHANNELS), ("status", STATUSES)):
        value = getattr(t, attr)
        if value not in allowed:
            bad(attr, f"unknown_{attr}",
                f"{attr} '{value}' is not one of {', '.join(allowed)}.")
    for attr in ("title", "description", "document_title"):
        if not str(getattr(t, attr)).strip():
            bad(attr, "empty", f"{attr} is empty.")

    names = [f.name for f in t.fields]
    for f in t.fields:
        if not FIELD_NAME.match(f.name):
            bad(f"fields.{f.name}", "bad_field_name",
                f"field name '{f.name}' must be lowercase snake_case.")
        if not f.description.strip():
            bad(f"fields.{f.name}", "empty", f"field '{f.name}' has no description.")
    for dup in sorted({n for n in names if names.count(n) > 1}):
        bad(f"fields.{dup}", "duplicate", f"field '{dup}' is declared twice.")

    codes = [v.code for v in t.variants]
    for v in t.variants:
        if not VARIANT_CODE.match(v.code):
            bad(f"variants.{v.code}", "bad_variant_code",
                f"variant code '{v.code}' must be upper case, like US-MA.")
        if not v.label.strip():
            bad(f"variants.{v.code}", "empty", f"variant '{v.code}' has no label.")
    for dup in sorted({c for c in codes if codes.count(c) > 1}):
        bad(f"variants.{dup}", "duplicate", f"variant '{dup}' is listed twice.")
    if t.default_variant is not None and t.default_variant not in codes:
        bad("default_variant", "unknown_variant",
            f"default variant '{t.default_variant}' is not in the variants list.")

    ids = [s.id for s in t.sections]
    if not t.sections:
        bad("sections", "empty", "it has no sections.")
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        bad(f"sections.{dup}", "duplicate", f"section '{dup}' appears twice.")
    for s in t.sections:
        if not ID_PATTERN.match(s.id):
            bad(f"sections.{s.id}", "bad_id", f"section id '{s.id}' must be lowercase snake_case.")
        if not s.body.strip():
            bad(f"sections.{s.id}", "empty", f"section '{s.id}' has an empty body.")
        if s.only_in and s.omit_in:
            bad(f"sections.{s.id}", "only_and_omit",
                f"section '{s.id}' sets both only_in and omit_in; use one.")
        for code in (*s.only_in, *s.omit_in):
            if code not in codes:
                bad(f"sections.{s.id}", "unknown_variant",
                    f"section '{s.id}' names variant '{code}', which is not in the variants list.")

    try:
        used = t.all_used_fields()
    except PlaceholderSyntaxError as err:
        problems.append(err)
        return problems
    for name in used:
        if name not in names:
            bad(f"fields.{name}", "undeclared_field",
                f"the text uses {{{{{name}}}}} but no field '{name}' is declared.")
    for name in names:
        if name not in used:
            bad(f"fields.{name}", "unused_field", f"field '{name}' is declared but never used.")

    to_check: list[str | None] = list(codes) or [None]
    for variant in to_check:
        if not t.sections_for(variant):
            bad("sections", "empty_variant", f"variant '{variant}' has no sections.")
    return problems


def check_template(template: Template) -> None:
    """Raise the first problem :func:`template_problems` finds, as a ValidationError."""
    problems = template_problems(template)
    if problems:
        raise problems[0]
