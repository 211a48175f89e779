"""Contacts from vCard 2.1, 3.0 and 4.0, and to vCard 3.0 or 4.0.

The reader is our own line parser rather than vobject: vobject 0.9.9 fails
on vCard 2.1 quoted-printable soft line breaks, counts CRLF files' lines
twice and leaves quoted ``TYPE="voice,work"`` unsplit, and we need each
card's and property's line number. The tests check that vobject reads what
:func:`write_vcard` writes.

Reading handles: folded lines (RFC 2426/6350; in 2.1 the folding whitespace
is kept), 2.1 ``ENCODING=QUOTED-PRINTABLE`` with ``=`` soft line breaks,
``CHARSET=`` (UTF-8, ISO-8859-1, windows-1252, any text codec Python knows),
bare 2.1 parameters (``TEL;CELL;VOICE:``), ``TYPE=work,voice``, repeated and
quoted TYPE, 4.0 ``VALUE=uri`` ``tel:`` numbers (``;ext=`` becomes
`` ext. ``), ``PREF=`` / ``TYPE=pref`` (preferred numbers first), escaped
``\\, \\; \\n \\\\``, and Apple groups (``item1.TEL`` + ``item1.X-ABLabel:Signal``:
the label names the grouped number or address). Properties used: FN, N,
NICKNAME, ORG, TITLE, ROLE, NOTE, TEL, EMAIL, TZ (an IANA name), and ours:
X-CRISIS-BINDER-ID (the only source of ``Contact.id``; a foreign UID is kept
in ``source_fields`` only), X-CRISIS-BINDER-ROLES,
X-CRISIS-BINDER-MAY-SPEAK-PUBLICLY, X-CRISIS-BINDER-VERIFIED-AT. A vCard
nested in a 2.1 AGENT property is skipped.

Writing: UTF-8, CRLF, lines folded at 75 octets (never inside a character).
Phone labels vCard has no TYPE for (personal, signal, whatsapp, satellite,
hotline) are written Apple style as ``itemN.TEL`` + ``itemN.X-ABLabel``.
"""

from __future__ import annotations

import binascii
import codecs
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from urllib.parse import unquote

from binder.errors import ImportFormatError
from binder.io import (
    Draft, ParsedContact, ParseResult, Problems, TooManyProblems, check_time_zone,
    check_timestamp, check_uuid, email_label, parse_roles, parse_yes_no, phone_label, show,
)
from binder.io.limits import (
    MAX_COLUMNS, MAX_FIELD_CHARS, MAX_LINE_CHARS, MAX_RECORDS, MAX_VCARD_DEPTH, check_size,
    describe_bytes, to_utf8,
)
from binder.models import Contact

log = logging.getLogger(__name__)

__all__ = ["parse_vcard", "write_vcard"]

_X = "X-CRISIS-BINDER-"
_BINARY = frozenset({"PHOTO", "LOGO", "SOUND", "KEY"})
_ENCODINGS = frozenset({"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"})
_NAME = re.compile(r"^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)$")
_HEAD = re.compile(rb'^((?:[^:"]|"[^"]*")*):')
_PARAM = re.compile(r'(?:[^;"]|"[^"]*")+')
_ESCAPE = re.compile(r"\\(.)", re.S)
_IANA = re.compile(r"^(UTC|[A-Za-z_]+(?:/[A-Za-z0-9_+\-]+)+)$")


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
        values = self.params.get(key)
        return values[0] if values else ""


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
    """Split a structured value (N, ORG) on unescaped ';' and unescape each part."""
    if "\\" not in text:
        return [p.strip() for p in text.split(";")]
    parts: list[str] = []
    cur: list[str] = []
    escaped = False
    for ch in text:
        if escaped:
            cur.append("\\" + ch)
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == ";":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
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
        if key == "TYPE":
            params.setdefault(key, []).extend(v.strip().lower() for v in value.split(","))
        else:
            params.setdefault(key, []).append(value)
    return params


class _Reader:
    def __init__(self, lines: list[bytes], problems: Problems, path: str) -> None:
        self.lines = lines
        self.problems = problems
        self.where = path or None
        self.version = "3.0"
        self.line = 0
        self.seen_begin = False
        self.heads: dict[bytes, tuple[str, str, dict[str, list[str]]] | None] = {}

    def logical(self) -> Iterator[tuple[int, bytes]]:
        """Unfolded lines with the number of their first physical line."""
        lines, n, i = self.lines, len(self.lines), 0
        while i < n:
            start, cur = i, lines[i].rstrip(b"\r")
            i += 1
            if not cur.strip():
                continue
            if len(cur) > MAX_LINE_CHARS:
                raise ImportFormatError(f"line {start + 1} is longer than "
                                        f"{MAX_LINE_CHARS // 2**20} MB (MAX_LINE_CHARS).",
                                        line=start + 1, path=self.where)
            parts, size = [cur], len(cur)
            qp = b"QUOTED-PRINTABLE" in cur.split(b":", 1)[0].upper()
            while i < n:
                nxt = lines[i].rstrip(b"\r")
                if nxt[:1] in (b" ", b"\t"):
                    piece = nxt if self.version == "2.1" else nxt[1:]
                elif qp and parts[-1].endswith(b"=") and nxt.strip().upper() != b"END:VCARD":
                    parts[-1], piece = parts[-1][:-1], nxt
                else:
                    break
                parts.append(piece)
                size += len(piece)
                i += 1
                if size > MAX_LINE_CHARS:
                    raise ImportFormatError(
                        f"one vCard property is longer than {MAX_LINE_CHARS // 2**20} MB "
                        "(MAX_LINE_CHARS).", line=start + 1, path=self.where)
            self.line = start + 1
            yield start + 1, b"".join(parts) if len(parts) > 1 else cur

    def run(self, out: list[ParsedContact]) -> None:
        card: _Card | None = None
        depth = 0
        for line, raw in self.logical():
            colon = raw.find(b":")
            if colon >= 0 and b'"' in raw[:colon]:  # a quoted parameter may hold ':'
                m = _HEAD.match(raw)
                colon = m.end() - 1 if m else -1
            head = self.head(raw[:colon]) if colon >= 0 else None
            if head is None:
                if card is not None or not depth:
                    self.problems.add(line, None, f"{show(raw.decode('utf-8', 'replace'))} "
                                      "is not a vCard property (a line that continues the "
                                      "one before must start with a space)")
                continue
            value = raw[colon + 1:]
            group, name, params = head
            if name in ("BEGIN", "END") and value.strip().upper() == b"VCARD":
                if name == "BEGIN":
                    self.seen_begin = True
                    if card is None:
                        card, self.version = _Card(line), "3.0"
                    elif depth or (card.props and card.props[-1].name == "AGENT"
                                   and not card.props[-1].raw.strip()):
                        depth += 1
                        if depth >= MAX_VCARD_DEPTH:
                            raise ImportFormatError(
                                f"vCards are nested more than {MAX_VCARD_DEPTH} deep "
                                "(MAX_VCARD_DEPTH).", line=line, path=self.where)
                    else:
                        self.problems.add(card.line, None, "this vCard has no END:VCARD (a "
                                          f"new BEGIN:VCARD starts on line {line})")
                        card, self.version = _Card(line), "3.0"
                elif depth:
                    depth -= 1
                elif card is None:
                    self.problems.add(line, None, "END:VCARD without a BEGIN:VCARD before it")
                else:
                    if len(out) >= MAX_RECORDS:
                        raise ImportFormatError(f"The file has more than {MAX_RECORDS:,} "
                                                "vCards (MAX_RECORDS). Split it.",
                                                line=line, path=self.where)
                    contact = self.contact(card)
                    if contact is not None:
                        out.append(contact)
                    card = None
            elif depth:
                continue
            elif card is None:
                self.problems.add(line, None, f"{show(raw.decode('utf-8', 'replace'))} is "
                                  "outside a vCard (not between BEGIN:VCARD and END:VCARD)")
            elif len(card.props) >= MAX_COLUMNS:
                if not card.full:
                    card.full = True
                    self.problems.add(line, None, f"this vCard has more than {MAX_COLUMNS} "
                                      "properties (MAX_COLUMNS)")
            else:
                card.props.append(_Prop(line, group, name, params, value))
                if name == "VERSION":
                    card.version = self.version = value.decode("ascii", "replace").strip()
                    if card.version not in ("2.1", "3.0", "4.0"):
                        self.problems.add(line, "VERSION", f"vCard version {show(card.version)}"
                                          " is not supported; use 2.1, 3.0 or 4.0")
        if card is not None:
            self.problems.add(card.line, None, "this vCard has no END:VCARD; the file ends "
                              "first")

    def head(self, raw: bytes) -> tuple[str, str, dict[str, list[str]]] | None:
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

    def text(self, prop: _Prop, quiet: bool = False) -> str | None:
        """The decoded value (not unescaped), or None after reporting why not."""
        raw = prop.raw
        if len(raw) > 4 * MAX_FIELD_CHARS:
            return None if quiet else self.fail(prop, "the value is longer than "
                                                 f"{MAX_FIELD_CHARS:,} characters "
                                                 "(MAX_FIELD_CHARS)")
        encoding = prop.param("ENCODING").upper()
        try:
            if encoding in ("QUOTED-PRINTABLE", "QP"):
                raw = binascii.a2b_qp(raw)
            elif encoding in ("B", "BASE64"):
                raw = binascii.a2b_base64(raw)
        except binascii.Error:
            return None if quiet else self.fail(prop, "the base64 value is damaged")
        charset = prop.param("CHARSET") or "utf-8"
        try:
            info = codecs.lookup(charset)
            if not getattr(info, "_is_text_encoding", True):
                raise LookupError(charset)
        except LookupError:
            if not quiet:
                self.fail(prop, f"{show(charset)} is not a character set this app knows")
            info = codecs.lookup("utf-8")
        try:
            text = raw.decode(info.name)
        except (UnicodeError, ValueError) as exc:
            if not quiet:
                bad = raw[exc.start:exc.end] if isinstance(exc, UnicodeDecodeError) else raw
                self.fail(prop, f"the bytes {describe_bytes(bad)} are not valid {charset}; "
                          "save the file as UTF-8 or fix its CHARSET")
            text = raw.decode("utf-8", "replace")
        if len(text) > MAX_FIELD_CHARS:
            return None if quiet else self.fail(prop, f"the value is {len(text):,} characters "
                                                f"long; the limit is {MAX_FIELD_CHARS:,} "
                                                "(MAX_FIELD_CHARS)")
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def fail(self, prop: _Prop, reason: str) -> None:
        self.problems.add(prop.line, prop.column, reason)

    def contact(self, card: _Card) -> ParsedContact | None:
        v, d = card.version, Draft(self.problems, card.line)
        source: dict[str, str] = {}
        labels = {p.group.upper(): p for p in card.props if p.group and p.name == "X-ABLABEL"}
        got: dict[str, str] = {}
        notes: list[str] = []
        phones: list[tuple[int, int, _Prop, str, str]] = []
        for prop in card.props:
            key, n = prop.column, 2
            while key in source:
                key, n = f"{prop.column} ({n})", n + 1
            if prop.name in _BINARY:
                source[key] = f"<{len(prop.raw):,} bytes>"
                continue
            text = self.text(prop, quiet=prop.name not in _USED)
            if text is None:
                continue
            source[key] = text
            if prop.name not in _USED:
                continue
            types = prop.params.get("TYPE", [])
            label = labels.get(prop.group.upper()) if prop.group else None
            label_text = _unescape(self.text(label) or "", v) if label else ""
            pref = int(prop.param("PREF")) if prop.param("PREF").isdigit() else (
                1 if "pref" in types else 101)
            if prop.name == "TEL":
                number = text.strip()
                if number[:4].lower() == "tel:":
                    main, _, params = unquote(number[4:]).partition(";")
                    ext = re.search(r"(?:^|;)ext=([^;]*)", params)
                    number = main + (f" ext. {ext.group(1)}" if ext else "")
                else:
                    number = _unescape(number, v)
                label_name = phone_label(label_text) if label_text else _tel_label(types)
                phones.append((pref, len(phones), prop, number, label_name))
            elif prop.name == "EMAIL":
                address = _unescape(text, v).strip()
                address = address[7:] if address[:7].lower() == "mailto:" else address
                d.email(address, email_label(label_text) if label_text else _email_label(types),
                        prop.column, prop.line)
            elif prop.name == "NOTE":
                notes.append(_unescape(text, v).strip())
            elif prop.name in ("N", "ORG"):
                got.setdefault(prop.name, _joined(_components(text, v), prop.name))
            else:
                got.setdefault(prop.name, _unescape(text, v).strip())
                self.check(prop, got[prop.name], d)
        for _, _, prop, number, label_name in sorted(phones, key=lambda t: t[:2]):
            d.phone(number, label_name, prop.column, prop.line)
        name = next((got[k] for k in ("FN", "N", "NICKNAME", "ORG") if got.get(k)), "")
        name = name or (d.emails[0].address if d.emails else "")
        if not name:
            d.fail("FN", "this vCard has no name (FN, N, ORG and EMAIL are empty); add a name")
            return None
        roles, _ = parse_roles(got.get(_X + "ROLES", ""))
        tz = got.get("TZ", "")
        return ParsedContact(Contact(
            id=got.get(_X + "ID", "") if not check_uuid(got.get(_X + "ID", "")) else "",
            name=name, job_title=got.get("TITLE") or got.get("ROLE", ""),
            organization=got.get("ORG", ""), roles=roles, phones=tuple(d.phones),
            emails=tuple(d.emails),
            may_speak_publicly=bool(parse_yes_no(got.get(_X + "MAY-SPEAK-PUBLICLY", ""))),
            time_zone=tz if _IANA.match(tz) and not check_time_zone(tz) else "",
            notes="\n\n".join(n for n in notes if n),
            verified_at=got.get(_X + "VERIFIED-AT") or None), card.line, source)

    def check(self, prop: _Prop, value: str, d: Draft) -> None:
        """Our own X- properties must be valid (a wrong one is a problem, not a guess)."""
        reason = None
        if prop.name == _X + "ID":
            reason = check_uuid(value)
        elif prop.name == _X + "ROLES":
            unknown = parse_roles(value)[1]
            reason = f"{show(unknown[0])} is not a role" if unknown else None
        elif prop.name == _X + "MAY-SPEAK-PUBLICLY" and parse_yes_no(value) is None:
            reason = f"{show(value)} is not yes or no"
        elif prop.name == _X + "VERIFIED-AT":
            reason = check_timestamp(value)
        if reason:
            d.fail(prop.column, reason, prop.line)


_USED = frozenset({"FN", "N", "NICKNAME", "ORG", "TITLE", "ROLE", "NOTE", "TEL", "EMAIL", "TZ",
                   _X + "ID", _X + "ROLES", _X + "MAY-SPEAK-PUBLICLY", _X + "VERIFIED-AT"})


def _joined(parts: list[str], name: str) -> str:
    if name == "ORG":
        return parts[0]
    # N = family; given; additional; prefix; suffix -> "given additional family suffix"
    parts += [""] * (5 - len(parts))
    order = (parts[1], parts[2], parts[0], parts[4])
    return " ".join(" ".join(p.replace(",", " ").split()) for p in order if p.strip())


def _tel_label(types: list[str]) -> str:
    kinds = set(types)
    for wanted, label in (("fax", "fax"), ("cell", "mobile"), ("iphone", "mobile"),
                          ("pager", "other"), ("home", "home"), ("work", "work")):
        if wanted in kinds:
            return label
    found = [phone_label(t) for t in types]
    return next((label for label in found if label != "other"), "other")


def _email_label(types: list[str]) -> str:
    found = [email_label(t) for t in types]
    return next((label for label in found if label != "other"), "other")


def parse_vcard(data: bytes, *, path: str = "") -> ParseResult:
    """Every contact and every problem in a vCard (.vcf) file of one or more cards."""
    check_size(data, path)
    body = to_utf8(data, path)
    if b"\n" not in body and b"\r" in body:
        body = body.replace(b"\r", b"\n")
    problems = Problems()
    reader = _Reader(body.split(b"\n"), problems, path)
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
              "other": "voice", "personal": "cell", "signal": "cell", "whatsapp": "cell",
              "satellite": "cell", "hotline": "work,voice"}
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
    raw = line.encode("utf-8")
    out: list[bytes] = []
    width = 75
    while len(raw) > width:
        cut = width
        while raw[cut] & 0xC0 == 0x80:  # never inside a UTF-8 sequence
            cut -= 1
        out.append(raw[:cut])
        raw = b" " + raw[cut:]
    out.append(raw)
    return b"\r\n".join(out)


def _card(c: Contact, version: str) -> list[str]:
    lines = ["BEGIN:VCARD", f"VERSION:{version}"]
    if version == "3.0":
        lines.append("PRODID:-//Crisis Binder//EN")
    else:
        lines.append("KIND:individual")
    if c.id:
        lines += [f"UID:urn:uuid:{c.id}", f"{_X}ID:{_esc(c.id)}"]
    given, _, family = c.name.rpartition(" ")
    lines += [f"FN:{_esc(c.name)}", f"N:{_esc(family)};{_esc(given)};;;"]
    if c.organization:
        lines.append(f"ORG:{_esc(c.organization)}")
    if c.job_title:
        lines.append(f"TITLE:{_esc(c.job_title)}")
    item = 0
    for phone in c.phones:
        types = _TEL_TYPES.get(phone.label, "voice")
        types = f'"{types}"' if version == "4.0" and "," in types else types
        prefix = ""
        if phone.label in _AB_LABELS:
            item += 1
            prefix = f"item{item}."
        if version == "4.0" and _TEL_URI.fullmatch(phone.number):
            lines.append(f"{prefix}TEL;VALUE=uri;TYPE={types}:tel:{phone.number}")
        elif version == "4.0":
            lines.append(f"{prefix}TEL;VALUE=text;TYPE={types}:{_esc(phone.number)}")
        else:
            lines.append(f"{prefix}TEL;TYPE={types}:{_esc(phone.number)}")
        if prefix:
            lines.append(f"{prefix}X-ABLabel:{_AB_LABELS[phone.label]}")
    for email in c.emails:
        kind = _EMAIL_TYPES.get(email.label)
        if version == "3.0":
            types = f";TYPE=INTERNET,{kind.upper()}" if kind else ";TYPE=INTERNET"
        else:
            types = f";TYPE={kind}" if kind else ""
        lines.append(f"EMAIL{types}:{_esc(email.address)}")
    if c.time_zone:
        lines.append(f"TZ;VALUE=text:{_esc(c.time_zone)}")
    if c.notes:
        lines.append(f"NOTE:{_esc(c.notes)}")
    if c.roles:
        lines.append(f"{_X}ROLES:{_esc(';'.join(c.roles))}")
    lines.append(f"{_X}MAY-SPEAK-PUBLICLY:{'yes' if c.may_speak_publicly else 'no'}")
    if c.verified_at:
        lines.append(f"{_X}VERIFIED-AT:{_esc(c.verified_at)}")
    lines.append("END:VCARD")
    return lines


def write_vcard(contacts: Sequence[Contact], version: str = "3.0") -> bytes:
    """vCard 3.0 (RFC 2426) or 4.0 (RFC 6350); parse_vcard reads it back unchanged."""
    if version not in ("3.0", "4.0"):
        raise ValueError(f"vCard version must be 3.0 or 4.0, not {version!r}")
    return b"".join(_fold(line) + b"\r\n" for c in contacts for line in _card(c, version))
