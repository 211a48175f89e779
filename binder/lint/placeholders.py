"""Unfilled merge fields and drafting markers."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from binder.lint.findings import RuleInfo, Severity
from binder.lint.registry import Hit, Rule, quote
from binder.lint.text import Document

log = logging.getLogger(__name__)

_FIELD_WORDS = (r"insert|enter|add|fill\s+in|your|company|org(?:ani[sz]ation)?|name|date|time|number|phone"
                r"|email|address|url|link|amount|x+")
PLACEHOLDER = re.compile(
    r"\{\{[^{}\n]{0,80}\}\}"
    r"|\{%[^%\n]{0,80}%\}|\$\{[^}\n]{1,80}\}|<<[^<>\n]{1,60}>>|%[A-Z_]{2,}%"
    r"|\{[A-Za-z_][A-Za-z0-9_.]*\}"
    r"|\[(?!(?:PAID|EXTERNAL|REDACTED|SIC|NEW|UPDATED?|URGENT|CORRECTED|CORRECTION|CONFIDENTIAL|PUBLIC)\])"
    r"[A-Z][A-Z0-9_]+(?:[ /-][A-Z0-9_]+)*\]"
    r"|\[[a-z][a-z0-9]*(?:_[a-z0-9]+)+\]"
    rf"|\[(?i:(?:{_FIELD_WORDS})\b)[^\]\n]{{0,60}}\]"
    r"|\[[A-Z][a-z]+(?:,?\s[A-Z][a-z]+){1,4}\](?!\()"
    r"|<(?i:insert|enter|add)\b[^>\n]{0,60}>"
    r"|\b(?:TBD|TBC|TBA|TODO|FIXME)\b"
    r"|(?<![A-Za-z])X{3,}(?![A-Za-z])|(?<=\d)X{2,}\b"
    r"|\bINSERT\b[A-Z0-9 _-]*"
    r"|(?i:\blorem\s+ipsum\b)|_{3,}|\?{3,}|#{3,}|(?<![A-Za-z])N{3,}(?![A-Za-z])"
    r"|(?i:[(\[]\s*(?:to\s+be\s+(?:confirmed|decided|determined|added|completed|agreed)|tbc|tbd)\s*[)\]])"
    r"|\[[a-z][a-z ]{0,30}\b(?:name|date|number|address|email|phone|amount|id|ref|reference|url|link|time|title)\]")


def _placeholders(doc: Document) -> Iterator[Hit]:
    for m in PLACEHOLDER.finditer(doc.text):
        text = m.group(0).rstrip()
        yield Hit(m.start(), m.start() + len(text), f'Unfilled placeholder "{quote(text, 40)}".')


RULES: tuple[Rule, ...] = (
    Rule(RuleInfo(
        "placeholder-unfilled", Severity.ERROR, "placeholder",
        "Flags merge fields and drafting markers left in the text: {{field}}, {field}, %FIELD%, <<...>>, "
        "[DATE], [field_name], [first name], [insert ...], [Company Name], [Month Day, Year], TBD/TBC/TODO, "
        "(to be confirmed), XXX, NNN, ####, INSERT, ____ and lorem ipsum. Footnote marks like [1], common "
        "literal tags like [PAID] or [REDACTED], and security[at]example.com pass.",
        "A notice that goes out with an unfilled field looks careless and can leak the template's notes "
        "(content guide: unfilled placeholders are a structure error).",
        "Fill in the field, or delete the sentence if it does not apply."), _placeholders),
)
