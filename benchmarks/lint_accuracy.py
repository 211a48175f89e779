"""Precision and recall of the template linter over tests/data/lint_corpus.jsonl.

Run from the repository root:

    python benchmarks/lint_accuracy.py            # table: per rule, overall, dev and holdout
    python benchmarks/lint_accuracy.py --errors   # also list every false positive / negative
    python benchmarks/lint_accuracy.py --json     # machine-readable

Scoring: each finding is a true positive when its rule is in the line's
"expect" list, else a false positive (precision counts findings). Each expected
rule of a line is found when at least one finding has that rule, else it is a
false negative (recall counts expected labels).

Splits: "dev" lines were used to tune the rules; "holdout" (every 5th line of
the first corpus) and "fresh" (lines written after the rules existed, in other
styles) were never used for tuning and are reported separately.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from binder.lint import RULES, LintContext, lint  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "lint_corpus.jsonl"


@dataclass(frozen=True)
class Example:
    line: int
    text: str
    kind: str | None
    jurisdiction: str | None
    expect: frozenset[str]
    split: str
    context: LintContext | None


@dataclass
class Tally:
    tp: int = 0  # findings whose rule was expected
    fp: int = 0  # findings whose rule was not expected
    found: int = 0  # expected labels with at least one finding
    fn: int = 0  # expected labels with no finding

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.found / (self.found + self.fn) if self.found + self.fn else 1.0

    def add(self, other: Tally) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.found += other.found
        self.fn += other.fn


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    per_rule: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    errors: list[tuple[int, str, str, str]] = field(default_factory=list)  # line, "FP"/"FN", rule, text
    lines: int = 0


def _context(raw: dict[str, object] | None) -> LintContext | None:
    if not raw:
        return None

    def when(key: str) -> datetime | None:
        value = raw.get(key)
        return datetime.fromisoformat(str(value)) if value else None

    types = raw.get("data_types") or []
    assert isinstance(types, list)
    return LintContext(aware_at=when("aware_at"), sent_at=when("sent_at"),
                       data_types=frozenset(str(t) for t in types))


def load_corpus(path: Path = CORPUS) -> list[Example]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            d = json.loads(line)
            out.append(Example(n, d["text"], d.get("kind"), d.get("jurisdiction"), frozenset(d["expect"]),
                               d.get("split", "dev"), _context(d.get("context"))))
    return out


def evaluate(examples: list[Example], split: str | None = None) -> Report:
    """Score the linter on ``examples`` (only those of ``split`` when given)."""
    report = Report()
    for ex in examples:
        if split is not None and ex.split != split:
            continue
        report.lines += 1
        findings = lint(ex.text, kind=ex.kind, jurisdiction=ex.jurisdiction, context=ex.context)
        fired = {f.rule for f in findings}
        for f in findings:
            t = report.per_rule[f.rule]
            if f.rule in ex.expect:
                t.tp += 1
            else:
                t.fp += 1
        for rule in sorted(fired - ex.expect):
            report.errors.append((ex.line, "FP", rule, ex.text))
        for rule in sorted(ex.expect):
            t = report.per_rule[rule]
            if rule in fired:
                t.found += 1
            else:
                t.fn += 1
                report.errors.append((ex.line, "FN", rule, ex.text))
    for t in report.per_rule.values():
        report.overall.add(t)
    return report


def _row(name: str, t: Tally) -> str:
    return (f"| {name:<30} | {t.tp:>4} | {t.fp:>4} | {t.found:>5} | {t.fn:>4} | "
            f"{t.precision:>9.3f} | {t.recall:>6.3f} |")


def table(report: Report) -> str:
    head = ("| rule                           |   TP |   FP | found |   FN | precision | recall |\n"
            "|--------------------------------|-----:|-----:|------:|-----:|----------:|-------:|")
    rows = [_row(rule, report.per_rule[rule]) for rule in RULES if rule in report.per_rule]
    missing = [rule for rule in RULES if rule not in report.per_rule]
    out = [head, *rows, _row("**overall**", report.overall)]
    if missing:
        out.append("\nRules with no corpus line: " + ", ".join(missing))
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--errors", action="store_true", help="list every false positive and negative")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument("--split", help="also print the per-rule table of one split (dev, holdout, fresh)")
    args = parser.parse_args(argv)
    examples = load_corpus(args.corpus)
    full = evaluate(examples)
    splits = {name: evaluate(examples, name) for name in sorted({e.split for e in examples})}
    if args.json:
        def dump(r: Report) -> dict[str, object]:
            return {"lines": r.lines, "precision": r.overall.precision, "recall": r.overall.recall,
                    "rules": {k: {"precision": v.precision, "recall": v.recall, "tp": v.tp, "fp": v.fp,
                                  "found": v.found, "fn": v.fn} for k, v in r.per_rule.items()}}
        print(json.dumps({"all": dump(full), **{k: dump(v) for k, v in splits.items()}}, indent=2))
        return 0
    good = sum(1 for e in examples if not e.expect)
    counts = ", ".join(f"{r.lines} {k}" for k, r in splits.items())
    print(f"Corpus: {len(examples)} lines ({good} with no expected finding; {counts}); {len(RULES)} rules.\n")
    print("All lines\n")
    print(table(full))
    print("\n| split   | lines | precision | recall |\n|---------|------:|----------:|-------:|")
    for name, r in (("all", full), *splits.items()):
        print(f"| {name:<7} | {r.lines:>5} | {r.overall.precision:>9.3f} | {r.overall.recall:>6.3f} |")
    if args.split:
        print(f"\nPer rule, split {args.split!r} only\n")
        print(table(splits.get(args.split) or evaluate(examples, args.split)))
    worst = sorted(full.per_rule.items(), key=lambda kv: min(kv[1].precision, kv[1].recall))[:5]
    print("\nWorst rules: " + ", ".join(f"{k} (P {v.precision:.2f}, R {v.recall:.2f})" for k, v in worst))
    if args.errors:
        print("\nErrors (line, type, rule, text):")
        for line, kind, rule, text in full.errors:
            print(f"  {line:>4} {kind} {rule:<28} {' '.join(text.split())[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
