"""The incident report: the hand-off pack for the insurer and counsel.

Summary, duties and when each was met, the timeline from the log, statements
sent, checklist completion, open items, and the log's final hash (the paper
anchor for the tamper-evident chain).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

from reportlab.platypus import Flowable, Paragraph, Spacer

from binder.deadlines import Deadline
from binder.incident_models import CadenceStatus, Incident, LogEntry
from binder.pdf.base import LEGAL_NOTICE, esc
from binder.pdf.binder_doc import build_with_contents
from binder.pdf.sections import Area, Cell, PrintOptions, grid_table, heading, notice_box, \
    print_styles

STATUS_WORDS = {"pending": "Pending", "overdue": "OVERDUE", "done": "Done",
                "not_required": "Not required", "not_started": "Clock not started",
                "no_fixed_clock": "No fixed clock", "not_in_force": "Not in force"}


@dataclass(frozen=True)
class IncidentReportData:
    options: PrintOptions
    incident: Incident
    duties: tuple[Deadline, ...]
    log: tuple[LogEntry, ...]
    chain_ok: bool
    chain_problem: str
    final_hash: str
    checklists: dict[str, tuple[int, int, list[str]]] = field(default_factory=dict)
    checklist_titles: dict[str, str] = field(default_factory=dict)
    cadence: tuple[CadenceStatus, ...] = ()
    legal_as_of: str | None = None


def _when(value: str | datetime | None, tz: ZoneInfo) -> str:
    if value is None or value == "":
        return "—"
    moment = value if isinstance(value, datetime) else \
        datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return moment.astimezone(tz).strftime("%d %b %Y %H:%M %Z (UTC%z)")


def _facts(data: IncidentReportData, st: dict, area: Area, tz: ZoneInfo) -> list[Flowable]:
    inc = data.incident
    rows = [
        ("Status", f"{inc.status}" + (" — EXERCISE, not a real incident" if inc.exercise else "")),
        ("Codename", inc.codename or "—"),
        ("Aware at", _when(inc.aware_at, tz) + (f" — {inc.awareness_reason}"
                                                  if inc.awareness_reason else "")),
        ("Discovered at", _when(inc.discovered_at, tz)),
        ("Materiality determined", _when(inc.materiality_at, tz)),
        ("Jurisdictions", ", ".join(inc.jurisdictions) or "—"),
        ("Data involved", ", ".join(d.replace("_", " ") for d in inc.data_types) or "—"),
        ("People affected", ", ".join(f"{code if code != '*' else 'overall'}: {n:,}"
                                      for code, n in sorted(inc.affected.items())) or "—"),
        ("Closed at", _when(inc.closed_at, tz)),
    ]
    table = grid_table([[Cell(f"<b>{esc(k)}</b>", st["cell"]), Cell(esc(v), st["cell"])]
                        for k, v in rows], area.columns(1, 3))
    counts: dict[str, int] = {}
    for d in data.duties:
        counts[d.status] = counts.get(d.status, 0) + 1
    summary = ", ".join(f"{n} {STATUS_WORDS.get(s, s).lower()}" for s, n in sorted(counts.items()))
    return [heading("Summary", 0, st), table, Spacer(1, 6),
            Paragraph(esc(f"Duties: {summary or 'none'}. Log: {len(data.log)} entries."),
                      st["body"])]


def _duties(data: IncidentReportData, st: dict, area: Area, tz: ZoneInfo) -> list[Flowable]:
    rows = [[Cell(h, st["cell_head"]) for h in ("Duty", "Due", "Status", "Met / why not")]]
    for d in data.duties:
        met = d.reason
        if d.state and d.state.state == "done":
            met = "; ".join(p for p in (_when(d.state.at, tz), d.state.how,
                                        f"ref {d.state.reference}" if d.state.reference else "",
                                        f"by {d.state.by}" if d.state.by else "") if p)
        rows.append([Cell(f"<b>{esc(d.jurisdiction)}</b> {esc(d.regime)}: "
                          f"{esc(d.authority)}<br/><font size=7.5>{esc(d.duty_id)}</font>",
                          st["cell_small"]),
                     Cell(esc(_when(d.due_at, tz) if d.due_at else "—"), st["cell_small"]),
                     Cell(f"<b>{esc(STATUS_WORDS.get(d.status, d.status))}</b>", st["cell_small"]),
                     Cell(esc(met), st["cell_small"])])
    return [heading("Notification duties", 0, st, legal=True),
            grid_table(rows, area.columns(3.2, 2.2, 1.3, 3.3), header_rows=1),
            Spacer(1, 4), notice_box(esc(LEGAL_NOTICE), st)]


def _timeline(data: IncidentReportData, st: dict, area: Area, tz: ZoneInfo) -> list[Flowable]:
    rows = [[Cell(h, st["cell_head"]) for h in ("#", "When", "Kind", "Who", "Entry")]]
    for e in data.log:
        text = esc(e.text)
        if e.corrects:
            text = f"<b>Corrects entry {e.corrects}:</b> " + text
        rows.append([Cell(str(e.number), st["cell_small"]), Cell(esc(_when(e.at, tz)),
                                                                 st["cell_small"]),
                     Cell(esc(e.kind), st["cell_small"]), Cell(esc(e.actor), st["cell_small"]),
                     Cell(text, st["cell_small"])])
    return [heading("Timeline (from the log)", 0, st, legal=False),
            grid_table(rows, area.columns(0.45, 2.1, 1.1, 1.1, 5.2), header_rows=1)]


def _statements(data: IncidentReportData, st: dict, area: Area, tz: ZoneInfo) -> list[Flowable]:
    sent = [e for e in data.log if e.kind == "statement"]
    out: list[Flowable] = [heading("Statements sent", 0, st)]
    if not sent:
        return out + [Paragraph("No statements were logged as sent.", st["body"])]
    rows = [[Cell(h, st["cell_head"]) for h in ("#", "When", "To", "Lint", "Text")]]
    for e in sent:
        lint = e.data.get("lint") or []
        waivers = e.data.get("waivers") or {}
        lint_text = f"{len(lint)} finding(s)" + (
            "; waived: " + ", ".join(f"{r} ({why})" for r, why in waivers.items())
            if waivers else "")
        rows.append([Cell(str(e.number), st["cell_small"]), Cell(esc(_when(e.at, tz)),
                                                                 st["cell_small"]),
                     Cell(esc(e.data.get("audience", "")), st["cell_small"]),
                     Cell(esc(lint_text), st["cell_small"]), Cell(esc(e.text), st["cell_small"])])
    return out + [grid_table(rows, area.columns(0.45, 2.0, 1.1, 1.6, 4.8), header_rows=1)]


def _checklists_and_open(data: IncidentReportData, st: dict, area: Area,
                         tz: ZoneInfo) -> list[Flowable]:
    out: list[Flowable] = [heading("Checklists", 0, st)]
    if not data.checklists:
        out.append(Paragraph("No checklist items were ticked in this incident.", st["body"]))
    for cid, (done, total, open_items) in sorted(data.checklists.items()):
        title = data.checklist_titles.get(cid, cid)
        out.append(Paragraph(f"<b>{esc(title)}</b>: {done} of {total} items ticked.",
                             st["body"]))
    out.append(heading("Open items", 0, st))
    items: list[str] = []
    for d in data.duties:
        if d.status in ("pending", "overdue", "not_started", "no_fixed_clock"):
            due = _when(d.due_at, tz) if d.due_at else d.reason
            items.append(f"{STATUS_WORDS[d.status]}: {d.jurisdiction} {d.authority} — {due}")
    for cid, (_done, _total, open_items) in sorted(data.checklists.items()):
        items += [f"Checklist {data.checklist_titles.get(cid, cid)}: {t}" for t in open_items]
    items += [f"Update to {c.audience} overdue since {_when(c.next_due_at, tz)}"
              for c in data.cadence if c.overdue and data.incident.status != "closed"]
    if not items:
        out.append(Paragraph("Nothing open.", st["body"]))
    for item in items:
        out.append(Paragraph("☐ " + esc(item), st["body"]))
    return out


def _integrity(data: IncidentReportData, st: dict) -> list[Flowable]:
    verdict = ("The log's hash chain was verified when this report was made." if data.chain_ok
               else f"WARNING: the log's hash chain is BROKEN: {data.chain_problem}.")
    return [heading("Log integrity", 0, st),
            Paragraph(esc(verdict), st["body"]), Spacer(1, 4),
            Paragraph(f"Entries: {len(data.log)}. Final hash (SHA-256):", st["body"]),
            Paragraph(esc(data.final_hash), st["mono"]),
            Paragraph("Keep this page: anyone can later check a copy of the binder against "
                      "this hash with 'crisis-binder-cli incident verify'.", st["small"])]


def story(data: IncidentReportData) -> list[Flowable]:
    st = print_styles()
    area = Area.for_page(data.options.page_size)
    tz = ZoneInfo(data.incident.time_zone)
    title = ("EXERCISE: " if data.incident.exercise else "") + data.incident.title
    parts: list[Sequence[Flowable]] = [
        [Paragraph(esc(f"Incident report: {title}"), st["h1"])],
        _facts(data, st, area, tz), _duties(data, st, area, tz), _timeline(data, st, area, tz),
        _statements(data, st, area, tz), _checklists_and_open(data, st, area, tz),
        _integrity(data, st)]
    return [f for part in parts for f in part]


def render_incident_report(data: IncidentReportData) -> bytes:
    meta = data.options.meta("Incident report: " + data.incident.title,
                             legal_as_of=data.legal_as_of)
    return build_with_contents(story(data), meta)
