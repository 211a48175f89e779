"""Benchmark: print the whole binder with 1,000 people (not a timed test).

The baseline is reportlab's own time to lay out the same pages: the very
flowables our code makes for the binder, built by a plain SimpleDocTemplate
(same page size and margins; no page decorations, bookmarks or contents page,
and the flowables are made before the clock starts). ``ratio`` is ours /
baseline: what gathering, shaping and decorating cost on top of reportlab.
A second reference lays out the same words as plain paragraphs in reportlab's
built-in Helvetica (no tables): the floor for that much text.

    .venv/bin/python benchmarks/pdf_binder.py

``run()`` returns rows {"name", "value", "unit", "baseline", "ratio"} for a
benchmark runner. Everything printed is fictional (Fictional Corp, 555 numbers).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate
from reportlab.platypus.flowables import Flowable

from binder.content.checklists import builtin_checklists
from binder.content.regulators_seed import regulator_records
from binder.content.templates import builtin_templates
from binder.models import ROLES, Contact, Deputy, Email, Organization, Phone, Regulator
from binder.pdf.base import DEFAULT_MARGINS_MM, register_fonts
from binder.pdf.binder_doc import BinderDocData, DeferredTOC, binder_story, render_binder
from binder.pdf.contacts import ContactSheetData, render_contact_sheet
from binder.pdf.templates import PrintTemplate

PEOPLE = 1000
AS_OF = "2026-11-27 09:00 UTC"
FIRST = ("Åsa", "Zoë", "Øystein", "Łukasz", "Γιώργος", "Дмитрий", "Alex", "Jordan", "Priya",
         "Sam", "Chen", "Fatima", "Noah", "Ines", "Kofi", "Mira", "Lars", "Ana", "Yuki", "Omar")
LAST = ("Öberg", "Çelik", "Nilsen", "Nowak", "Παπαδόπουλος", "Иванов", "Morgan", "Lee",
        "Raman", "Okafor", "García", "Müller", "Tanaka", "Haddad", "Dubois", "Novák", "Silva")
ORG_KINDS = ("breach_coach", "cyber_insurer", "outside_counsel", "forensics", "pr_firm",
             "law_enforcement", "identity_protection", "cloud_provider", "bank", "key_customer")


def make_people(count: int = PEOPLE) -> tuple[Contact, ...]:
    """``count`` fictional people; the first few dozen hold crisis roles with deputies."""
    roles = list(ROLES)
    people = []
    for i in range(count):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]} {i:04d}"
        held = (roles[i % len(roles)],) if i < 3 * len(roles) else ()
        deputies = ((Deputy(role=held[0], person_id=f"p{i + len(roles):04d}"),)
                    if held and i < len(roles) else ())
        phones = [Phone(number=f"+1 202-555-{i % 100:04d}", label="mobile"),
                  Phone(number=f"+1 202-555-{(i + 37) % 100:04d}", label="work")]
        if i % 3 == 0:
            phones.append(Phone(number=f"+1 202-555-{(i + 71) % 100:04d}", label="signal"))
        people.append(Contact(
            id=f"p{i:04d}", name=name, job_title=f"Team member {i % 40}", roles=held,
            phones=tuple(phones), deputies=deputies,
            emails=(Email(address=f"person{i:04d}@fictional-corp.example.com"),),
            verified_at="2026-10-01T08:00:00Z" if i % 2 else None,
            time_zone="Europe/Stockholm" if i % 5 == 0 else ""))
    return tuple(people)


def make_organizations() -> tuple[Organization, ...]:
    return tuple(Organization(id=f"o{i:03d}", name=f"Example {kind.replace('_', ' ')} {i}",
                              org_kind=kind, hotline=f"+1 800-555-01{i:02d}",
                              policy_number=f"POL-{i:04d}" if kind == "cyber_insurer" else "",
                              contract_number=f"C-{i:04d}")
                 for i, kind in enumerate(ORG_KINDS * 2))


def load_regulators() -> tuple[Regulator, ...]:
    """The shipped dataset as records; the EU duties marked as applying to us."""
    return tuple(replace(r, applies_to_us=r.jurisdiction.startswith("EU"))
                 for r in regulator_records())


def binder_data(people: int = PEOPLE) -> BinderDocData:
    templates = tuple(PrintTemplate(t, "Jordan Lee", "2026-11-20", 1) for t in builtin_templates())
    return BinderDocData(organisation="Fictional Corp", classification="TLP:AMBER", as_of=AS_OF,
                         version="Benchmark", contacts=make_people(people),
                         organizations=make_organizations(), regulators=load_regulators(),
                         checklists=builtin_checklists(), templates=templates)


def _plain_words(data: BinderDocData) -> list[str]:
    """The binder's words, one string per row or item, for the baseline."""
    words = [f"{c.name} {c.job_title} {' '.join(p.number for p in c.phones)} "
             f"{' '.join(e.address for e in c.emails)}" for c in data.contacts]
    words += [f"{o.name} {o.hotline} {o.contract_number}" for o in data.organizations]
    words += [f"{r.jurisdiction} {r.regime} {r.authority} {r.deadline_text} {r.notify_how}"
              for r in data.regulators]
    words += [f"{i.text} {i.note}" for c in data.checklists for i in c.items]
    words += [s.body for t in data.templates for s in t.template.sections]
    return words


def _baseline(words: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds for reportlab to lay out ``words`` as plain paragraphs."""
    style = getSampleStyleSheet()["BodyText"]
    story: list[Flowable] = [Paragraph(w.replace("&", "&amp;").replace("<", "&lt;"), style)
                             for w in words]
    wall, cpu = time.perf_counter(), time.process_time()
    SimpleDocTemplate(io.BytesIO()).build(story)
    return time.perf_counter() - wall, time.process_time() - cpu


def _reportlab_own(data: BinderDocData) -> tuple[float, float]:
    """(wall, CPU) seconds reportlab takes to lay out the binder's own flowables."""
    register_fonts()
    story = [f for f in binder_story(data) if not isinstance(f, DeferredTOC)]
    top, right, bottom, left = (m * mm for m in DEFAULT_MARGINS_MM)
    doc = SimpleDocTemplate(io.BytesIO(), pagesize=A4, topMargin=top, rightMargin=right,
                            bottomMargin=bottom, leftMargin=left)
    wall, cpu = time.perf_counter(), time.process_time()
    doc.build(story)
    return time.perf_counter() - wall, time.process_time() - cpu


def _best_of(fn: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Best wall-clock and best CPU seconds over ``repeat`` runs, and the last result."""
    best_wall, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, result


def _row(name: str, value: float, unit: str, baseline: float,
         target: str = "") -> dict[str, Any]:
    return {"name": name, "value": round(value, 3), "unit": unit,
            "baseline": round(baseline, 3), "ratio": round(value / baseline, 2),
            "target": target}


def run(repeat: int = 3) -> list[dict[str, Any]]:
    """Time the binder and the contact sheet with 1,000 people against the plain baseline.

    Wall-clock rows are what a user waits; the CPU rows are steadier on a busy machine.
    """
    data = binder_data()
    binder_wall, binder_cpu, pdf = _best_of(lambda: render_binder(data), repeat)
    own = [_reportlab_own(data) for _ in range(repeat)]
    words = _plain_words(data)
    plain = min(_baseline(words)[0] for _ in range(repeat))
    sheet = ContactSheetData("Fictional Corp", "TLP:AMBER", AS_OF, data.contacts,
                             data.organizations)
    sheet_wall, _, _ = _best_of(lambda: render_contact_sheet(sheet), repeat)
    sheet_base = min(_baseline(words[:len(data.contacts)])[0] for _ in range(repeat))
    pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
    return [
        _row(f"pdf_binder_{PEOPLE}_people", binder_wall, "s", min(b[0] for b in own), "< 2 s"),
        _row(f"pdf_binder_{PEOPLE}_people_cpu", binder_cpu, "s cpu", min(b[1] for b in own)),
        _row(f"pdf_binder_{PEOPLE}_people vs the same words as plain paragraphs", binder_wall,
             "s", plain),
        _row(f"pdf_contact_sheet_{PEOPLE}_people vs plain paragraphs", sheet_wall, "s",
             sheet_base),
        {"name": "pdf_binder_pages", "value": pages, "unit": "pages", "baseline": None,
         "ratio": None},
    ]

if __name__ == "__main__":
    for row in run():
        print(f"{row['name']:<36} {row['value']:>8} {row['unit']:<6} baseline "
              f"{row['baseline']} ratio {row['ratio']}")
    print("target: the whole binder in under 2 s")
