r"""Contacts from vCard 2.1, 3.0 and 4.0, and to vCard 3.0 or 4.0.

Our own line parser, not vobject: vobject 0.9.9 fails on 2.1 quoted-printable
soft line breaks, counts a CRLF file's lines twice and leaves a quoted
``TYPE="voice,work"`` unsplit, and we need every card's and property's line.
Read: folding (2.1 keeps the whitespace), QUOTED-PRINTABLE with ``=`` soft
breaks, CHARSET, bare 2.1 parameters (``TEL;CELL;VOICE:``), TYPE lists, 4.0
``tel:`` URIs (``;ext=`` becomes `` ext. ``), PREF (preferred numbers first),
``\, \; \n \\`` escapes, Apple ``item1.TEL`` + ``item1.X-ABLabel:Signal``.
Used: FN, N, NICKNAME, ORG, TITLE, ROLE, NOTE, TEL, EMAIL, TZ (IANA names), and
X-CRISIS-BINDER-ID (the only source of ``Contact.id``; a foreign UID stays in
``source_fields``), -ROLES, -MAY-SPEAK-PUBLICLY, -VERIFIED-AT. A vCard nested
in a 2.1 AGENT is skipped. Write: UTF-8, CRLF, folded at 75 octets; phone
labels without a vCard TYPE (personal, signal ...) get an X-ABLabel.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from binder.errors import ImportFormatError
from binder.io import (
    Draft, ParsedContact, ParseResult, Problems, TooManyProblems, check_own_field,
    check_time_zone, check_uuid, email_label, email_label_of, parse_roles, parse_yes_no,
    phone_label, phone_label_of, show,
)
from binder.io.limits import (
    MAX_COLUMNS, MAX_FIELD_CHARS, MAX_LINE_CHARS, MAX_RECORDS, MAX_VCARD_DEPTH, check_size,
    decode_value, to_utf8,
)
from binder.models import Contact

log = logging.getLogger(__name__)

__all__ = ["parse_vcard", "write_vcard"]

_X = "X-CRISIS-BINDER-"
_USED = frozenset({"FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "NOTE", "TEL", "EMAIL", "TZ",
                   _X + "ID", _X + "ROLES", _X + "MAY-SPEAK-PUBLICLY", _X + "VERIFIED-AT"})
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_NAME = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$")
_HEAD = re.compile(rb'^((?:[^:"]|"[^"]*")*):')
_PARAM = re.compile(r'(?:[^;"]|"[^"]*")+')
_ESCAPE = re.compile(r"\\(.)", re.S)
_COMPONENT = re.compile(r"((?:\\.|[^\\;])*);", re.S)
_IANA = re.compile(r"^(UTC|[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+)$")
Head = tuple[str, str, dict[str, list[str]]]  # group, NAME, params
_OUTSIDE = " is outside a vCard (not between BEGIN:VCARD and END:VCARD)"
_NOT_PROPERTY = (" is not a vCard property (a line that continues the one before must start "
                 "with a space)")


@dataclass(slots=True)
class _Prop:
    line: int
    group: str
    name: str  # upper case
    params: dict[str, list[str]]  # upper-case keys; TYPE values lower case
    raw: bytes

    @property
    def column(self) -> str:
        return f"{self.group}.{self.name}" if self.group else self.name

    def param(self, key: str) -> str:
        return (self.params.get(key) or [""])[0]


@dataclass
class _Card:
    line: int
    version: str = "3.0"
    props: list[_Prop] = field(default_factory=list)
    full: bool = False


def _unescape(text: str, version: str) -> str:
    if "\\" not in text:
        return text
    if version == "2.1":
        return text.replace("\\;", ";")
    return _ESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text)


def _components(text: str, version: str) -> list[str]:
    """A structured value (N, ORG) split on unescaped ';', each part unescaped."""
    parts = _COMPONENT.findall(text + ";") if "\\" in text else text.split(";")
    return [_unescape(p, version).strip() for p in parts]


def _parse_params(texts: list[str]) -> dict[str, list[str]]:
    params: dict[str, list[str]] = {}
    for text in texts:
        key, eq, value = text.partition("=")
        key = key.strip().upper()
        if not eq:  # vCard 2.1: TEL;CELL;VOICE or ;QUOTED-PRINTABLE
            key, value = ("ENCODING", key) if key in _ENCODINGS else ("TYPE", key)
        value = value.strip()
        if len(value) > 1 and value[0] == value[-1] == '"':
            value = value[1:-1]
        values = [v.strip().lower() for v in value.split(",")] if key == "TYPE" else [value]
        params.setdefault(key, []).extend(values)
    return params


class _Reader:
    def __init__(self, lines: list[bytes], problems: Problems, path: str) -> None:
        self.lines, self.problems, self.where = lines, problems, path or None
        self.version, self.line, self.seen_begin = "3.0", 0, False
        self.heads: dict[bytes, Head | None] = {}

    def refuse(self, message: str, line: int) -> ImportFormatError:
        return ImportFormatError(message, line=line, path=self.where)

    def logical(self) -> Iterator[tuple[int, bytes]]:
        """Unfolded lines with the number of their first physical line."""
        lines, n, i = self.lines, len(self.lines), 0
        limit = f"longer than {MAX_LINE_CHARS // 2**20} MB (MAX_LINE_CHARS)."
        while i < n:
            start, cur = i, lines[i].rstrip(b"\r")
            i += 1
            if not cur.strip():
                continue
            if len(cur) > MAX_LINE_CHARS:
                raise self.refuse("This line is " + limit, start + 1)
            parts, size = [cur], len(cur)
            qp = b"QUOTED-PRINTABLE" in cur.split(b":", 1)[0].upper()
            while i < n:
                nxt = lines[i].rstrip(b"\r")
                if nxt[:1] in (b" ", b"\t"):
                    piece = nxt if self.version == "2.1" else nxt[1:]
                elif qp and parts[-1].endswith(b"=") and nxt.strip().upper() != b"END:VCARD":
                    parts[-1], piece = parts[-1][:-1], nxt  # quoted-printable soft break
                else:
                    break
                parts.append(piece)
                size += len(piece)
                i += 1
                if size > MAX_LINE_CHARS:
                    raise self.refuse("This vCard property is " + limit, start + 1)
            self.line = start + 1
            yield start + 1, b"".join(parts) if len(parts) > 1 else cur

    def head(self, raw: bytes) -> Head | None:
        """(group, NAME, params) of a property, cached: real files repeat a few heads."""
        if raw in self.heads:
            return self.heads[raw]
        text = raw.decode("utf-8", "replace").strip()
        parts = _PARAM.findall(text) if '"' in text else text.split(";")
        name = _NAME.match(parts[0].strip()) if parts else None
        head = None if name is None else (name.group(1) or "", name.group(2).upper(),
                                          _parse_params(parts[1:]))
        if len(self.heads) < 4096:
            self.heads[raw] = head
        return head

    def run(self, out: list[ParsedContact]) -> None:
        card: _Card | None = None
        depth = 0
        add = self.problems.add
        for line, raw in self.logical():
            colon = raw.find(b":")
            if colon >= 0 and b'"' in raw[:colon]:  # a quoted parameter may hold ':'
                m = _HEAD.match(raw)
                colon = m.end() - 1 if m else -1
            head = self.head(raw[:colon]) if colon >= 0 else None
            shown = show(raw.decode("utf-8", "replace")) if head is None or not card else ""
            if head is None:
                if not depth:
                    add(line, None, shown + (_NOT_PROPERTY if card else _OUTSIDE))
                continue
            group, name, params = head
            value = raw[colon + 1:]
            if name in ("BEGIN", "END") and value.strip().upper() == b"VCARD":
                if name == "BEGIN":
                    self.seen_begin = True
                    if card and (depth or (card.props and card.props[-1].name == "AGENT"
                                           and not card.props[-1].raw.strip())):
                        depth += 1
                        if depth >= MAX_VCARD_DEPTH:
                            raise self.refuse(f"vCards are nested more than {MAX_VCARD_DEPTH}"
                                              " deep (MAX_VCARD_DEPTH).", line)
                        continue
                    if card:
                        add(card.line, None, "this vCard has no END:VCARD (a new "
                            f"BEGIN:VCARD starts on line {line})")
                    card, self.version = _Card(line), "3.0"
                elif depth:
                    depth -= 1
                elif card is None:
                    add(line, None, "END:VCARD without a BEGIN:VCARD before it")
                else:
                    if len(out) >= MAX_RECORDS:
                        raise self.refuse(f"The file has more than {MAX_RECORDS:,} vCards "
                                          "(MAX_RECORDS). Split it.", line)
                    contact = self.contact(card)
                    if contact is not None:
                        out.append(contact)
                    card = None
            elif depth:
                continue
            elif card is None:
                add(line, None, shown + _OUTSIDE)
            elif len(card.props) >= MAX_COLUMNS:
                if not card.full:
                    card.full = True
                    add(line, None, f"this vCard has more than {MAX_COLUMNS} properties "
                        "(MAX_COLUMNS)")
            else:
                card.props.append(_Prop(line, group, name, params, value))
                if name == "VERSION":
                    card.version = self.version = value.decode("ascii", "replace").strip()
                    if card.version not in ("2.1", "3.0", "4.0"):
                        add(line, "VERSION", f"vCard version {show(card.version)} is not "
                            "supported; use 2.1, 3.0 or 4.0")
        if card is not None:
            add(card.line, None, "this vCard has no END:VCARD; the file ends first")

    def text(self, prop: _Prop, quiet: bool = False) -> str | None:
        """The decoded value (not unescaped); None if too long. Problems reported unless quiet."""
        long = f"the value is longer than {MAX_FIELD_CHARS:,} characters (MAX_FIELD_CHARS)"
        text: str | None = None
        problem: str | None = long
        if len(prop.raw) <= 4 * MAX_FIELD_CHARS:
            text, problem = decode_value(prop.raw, prop.param("ENCODING"), prop.param("CHARSET"))
            text, problem = (None, long) if len(text) > MAX_FIELD_CHARS else (text, problem)
        if problem and not quiet:
            self.fail(prop, problem)
        return text.replace("\r\n", "\n").replace("\r", "\n") if text and "\r" in text else text

    def fail(self, prop: _Prop, reason: str) -> None:
        self.problems.add(prop.line, prop.column, reason)

    def contact(self, card: _Card) -> ParsedContact | None:
        v, d = card.version, Draft(self.problems, card.line)
        source: dict[str, str] = {}
        got: dict[str, str] = {}
        notes: list[str] = []
        phones: list[tuple[int, int, _Prop, str, str]] = []
        labels = {p.group.upper(): p for p in card.props if p.group and p.name == "X-ABLABEL"}
        for prop in card.props:
            name, key, n = prop.name, prop.column, 2
            while key in source:
                key, n = f"{prop.column} ({n})", n + 1
            if name in _BINARY:
                source[key] = f"<{len(prop.raw):,} bytes>"
                continue
            text = self.text(prop, quiet=name not in _USED)
            if text is None:
                continue
            source[key] = text
            if name == "TEL" or name == "EMAIL":
                types = prop.params.get("TYPE", [])
                ab = labels.get(prop.group.upper()) if prop.group else None
                label = _unescape(self.text(ab) or "", v).strip() if ab else ""  # Apple label
                if name == "EMAIL":
                    address = _unescape(text, v).strip()
                    address = address[7:] if address[:7].lower() == "mailto:" else address
                    d.email(address, email_label(label) if label else email_label_of(types),
                            prop.column, prop.line)
                    continue
                pref = prop.param("PREF")
                rank = int(pref) if pref.isdigit() else 1 if "pref" in types else 101
                number = text.strip()
                if number[:4].lower() == "tel:":
                    main, _, params = unquote(number[4:]).partition(";")
                    ext = re.search(r"(?:^|;)ext=([^;]*)", params)
                    number = main + (f" ext. {ext.group(1)}" if ext else "")
                else:
                    number = _unescape(number, v)
                phones.append((rank, len(phones), prop, number,
                               phone_label(label) if label else phone_label_of(types)))
            elif name == "NOTE":
                notes.append(_unescape(text, v).strip())
            elif name == "N" or name == "ORG":
                got.setdefault(name, _joined(_components(text, v), name))
            elif name in _USED and name not in got:
                got[name] = _unescape(text, v).strip()
                own = name[len(_X):].lower().replace("-", "_") if name.startswith(_X) else ""
                reason = check_own_field(own, got[name])
                if reason:
                    d.fail(prop.column, reason, prop.line)
        for _, _, prop, number, label_name in sorted(phones, key=lambda t: t[:2]):
            d.phone(number, label_name, prop.column, prop.line)
        name = next((got[k] for k in ("FN", "N", "NICKNAME", "ORG") if got.get(k)), "")
        name = name or (d.emails[0].address if d.emails else "")
        if not name:
            d.fail("FN", "this vCard has no name (FN, N, ORG and EMAIL are empty); add a name")
            return None
        tz, uid = got.get("TZ", ""), got.get(_X + "ID", "")
        return ParsedContact(Contact(
            id=uid.lower() if uid and not check_uuid(uid) else "", name=name,
            job_title=got.get("TITLE") or got.get("ROLE", ""), organization=got.get("ORG", ""),
            roles=parse_roles(got.get(_X + "ROLES", ""))[0], phones=tuple(d.phones),
            emails=tuple(d.emails),
            may_speak_publicly=bool(parse_yes_no(got.get(_X + "MAY-SPEAK-PUBLICLY", ""))),
            time_zone=tz if _IANA.match(tz) and not check_time_zone(tz) else "",
            notes="\n\n".join(n for n in notes if n),
            verified_at=got.get(_X + "VERIFIED-AT") or None), card.line, source)


def _joined(parts: list[str], name: str) -> str:
    if name == "ORG":
        return parts[0]
    parts += [""] * (5 - len(parts))  # family; given; additional; prefix; suffix
    order = (parts[1], parts[2], parts[0], parts[4])
    return " ".join(" ".join(p.replace(",", " ").split()) for p in order if p.strip())


def parse_vcard(data: bytes, *, path: str = "") -> ParseResult:
    """Every contact and every problem in a vCard (.vcf) file of one or more cards."""
    check_size(data, path)
    body = to_utf8(data, path)
    problems = Problems()
    reader = _Reader(body.split(b"\n" if b"\n" in body else b"\r"), problems, path)
    contacts: list[ParsedContact] = []
    try:
        reader.run(contacts)
    except TooManyProblems:
        problems.stopped(reader.line)
    if not reader.seen_begin:
        raise ImportFormatError("This is not a vCard file: it has no BEGIN:VCARD line.",
                                path=path or None)
    log.info("parsed vCard: %d contacts, %d problems", len(contacts), len(problems))
    return ParseResult(tuple(contacts), tuple(problems.items), "vcard")


# --- write --------------------------------------------------------------------

_TEL_TYPES = {"work": "work,voice", "mobile": "cell", "home": "home,voice", "fax": "fax",
              "other": "voice", "hotline": "work,voice"}  # the rest: cell + X-ABLabel
_AB_LABELS = {"personal": "Personal", "signal": "Signal", "whatsapp": "WhatsApp",
              "satellite": "Satellite", "hotline": "Hotline"}
_EMAIL_TYPES = {"work": "work", "personal": "home"}
_TEL_URI = re.compile(r"\+[0-9][0-9\-.()]*")


def _esc(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (text.replace("\\", "\\\\").replace("\n", "\\n").replace(",", "\\,")
            .replace(";", "\\;"))


def _fold(line: str) -> bytes:
    """One content line as UTF-8, folded at 75 octets without splitting a character."""
    raw, out = line.encode("utf-8"), []
    while len(raw) > 75:
        cut = 75
        while raw[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte
            cut -= 1
        out.append(raw[:cut])
        raw = b" " + raw[cut:]
    out.append(raw)
    return b"\r\n".join(out) + b"\r\n"


def _card(c: Contact, version: str) -> list[str]:
    v4 = version == "4.0"
    given, _, family = c.name.rpartition(" ")
    lines = ["BEGIN:VCARD", f"VERSION:{version}",
             "KIND:individual" if v4 else "PRODID:-//Crisis Binder//EN"]
    if c.id:
        lines += [f"UID:urn:uuid:{c.id}", f"{_X}ID:{_esc(c.id)}"]
    lines += [f"FN:{_esc(c.name)}", f"N:{_esc(family)};{_esc(given)};;;"]
    lines += [f"{k}:{_esc(v)}" for k, v in (("ORG", c.organization), ("TITLE", c.job_title)) if v]
    for item, phone in enumerate(c.phones, start=1):
        types = _TEL_TYPES.get(phone.label, "cell")
        quoted = f'"{types}"' if "," in types else types
        group = f"item{item}." if phone.label in _AB_LABELS else ""
        if not v4:
            lines.append(f"{group}TEL;TYPE={types}:{_esc(phone.number)}")
        elif _TEL_URI.fullmatch(phone.number):
            lines.append(f'{group}TEL;VALUE=uri;TYPE={quoted}:tel:{phone.number}')
        else:
            lines.append(f'{group}TEL;VALUE=text;TYPE={quoted}:{_esc(phone.number)}')
        if group:
            lines.append(f"{group}X-ABLabel:{_AB_LABELS[phone.label]}")
    for email in c.emails:
        kind = _EMAIL_TYPES.get(email.label, "")
        types = (f";TYPE={kind}" if kind else "") if v4 else ";TYPE=INTERNET" + (
            f",{kind.upper()}" if kind else "")
        lines.append(f"EMAIL{types}:{_esc(email.address)}")
    extra = (("TZ;VALUE=text", c.time_zone), ("NOTE", c.notes), (_X + "ROLES", ",".join(c.roles)),
             (_X + "MAY-SPEAK-PUBLICLY", "yes" if c.may_speak_publicly else "no"),
             (_X + "VERIFIED-AT", c.verified_at or ""))
    return lines + [f"{k}:{_esc(v)}" for k, v in extra if v] + ["END:VCARD"]


def write_vcard(contacts: Sequence[Contact], version: str = "3.0") -> bytes:
    """vCard 3.0 (RFC 2426) or 4.0 (RFC 6350); parse_vcard reads it back unchanged."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard version must be 3.0 or 4.0, not {version!r}")
    return b"".join(_fold(line) for c in contacts for line in _card(c, version))
