"""Rendering results for people (text) and programs (JSON, CSV). Pure: strings in, strings out."""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import groupby

from ..model import Report
from ..rollup import Rollup

_SEVERITY_WORD = {
    "fi": {"error": "virhe", "warning": "varoitus", "info": "huom"},
    "en": {"error": "error", "warning": "warning", "info": "info"},
}


# Characters a terminal acts on instead of showing: C0 and C1 controls (escape sequences, a
# carriage return that overwrites the line, line breaks that forge new lines) and the bidirectional
# overrides that reorder what is shown.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def terminal_safe(text: str) -> str:
    """``text`` as one line that shows every character: controls rendered visibly (``\\x1b``,
    ``\\n``), so a cell or a file name cannot clear the screen, forge a line or reorder the text."""
    return _UNSAFE.sub(_visible, text)


def summary_line(report: Report, lang: str = "fi") -> str:
    """E.g. ``tarkistettu 67 riviä, 39 toimenpidettä: 12 virhettä, 30 varoitusta, 5 huomautusta``."""
    c = report.counts()
    if lang == "en":
        return (f"checked {c['rows']} rows, {c['actions']} actions: {c['errors']} errors, "
                f"{c['warnings']} warnings, {c['infos']} notes")
    return (f"tarkistettu {c['rows']} riviä, {c['actions']} toimenpidettä: {c['errors']} virhettä, "
            f"{c['warnings']} varoitusta, {c['infos']} huomautusta")


def findings_text(report: Report, lang: str = "fi") -> str:
    """Findings grouped by row, readable in a terminal, with the counts at the end."""
    words = _SEVERITY_WORD.get(lang, _SEVERITY_WORD["fi"])
    row_word = "rivi" if lang == "fi" else "row"
    lines = [f"{report.source} [{report.sheet}]"]
    for row, group in groupby(report.findings, key=lambda f: f.row):
        group = list(group)
        code = next((f.code for f in group if f.code), None)
        head = f"{row_word} {row}" if row else ("koko raportti" if lang == "fi" else "whole report")
        lines.append("")
        lines.append(head + (f"  {code}" if code else ""))
        for f in group:
            where = f.cell or ""
            lines.append(f"  {where:<6} {f.rule}  {words[f.severity]:<9} {f.message}")
    lines.append("")
    lines.append(summary_line(report, lang))
    return "\n".join(terminal_safe(line) for line in lines)


def findings_json(report: Report) -> str:
    payload = {
        "source": report.source,
        "sheet": report.sheet,
        "period": report.period,
        "counts": report.counts(),
        "findings": [f.model_dump(exclude={"data"}) | {"data": f.data} for f in report.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def csv_safe(value: object) -> object:
    """Cells that begin like a formula are prefixed with ' so Excel shows them as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def findings_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields = ["rule", "severity", "sheet", "row", "column", "code", "message"]
    writer.writerow(fields)
    for f in report.findings:
        writer.writerow([csv_safe(getattr(f, name)) for name in fields])
    return out.getvalue()


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def rollup_text(rollup: Rollup, report: Report, lang: str = "fi") -> str:
    if lang == "en":
        head = f"{'code':<9} {'mean':>5} {'worst':>5} {'actions':>7} {'reported':>8}  name"
    else:
        head = f"{'koodi':<9} {'ka.':>5} {'heikoin':>7} {'toimenp.':>8} {'ilmoitettu':>10}  nimi"
    lines = [f"{report.source} [{report.sheet}]" + (f"  {report.period}" if report.period else ""), head]
    for g in rollup.goals:
        code = g.code + "." if g.level == "council" else "  " + g.code
        reported = str(g.reported) if g.reported is not None else "–"
        name = g.name if len(g.name) <= 60 else g.name[:59] + "…"
        if lang == "en":
            lines.append(f"{code:<9} {_fmt(g.computed):>5} {g.worst or '–':>5} {g.actions:>7} {reported:>8}  {name}")
        else:
            lines.append(f"{code:<9} {_fmt(g.computed):>5} {g.worst or '–':>7} {g.actions:>8} {reported:>10}  {name}")
    total = rollup.total
    word = "yhteensä" if lang == "fi" else "total"
    lines.append(f"{word:<9} {_fmt(total.computed):>5}  ({total.graded}/{total.actions})")
    return "\n".join(terminal_safe(line) for line in lines)


def rollup_json(rollup: Rollup, report: Report) -> str:
    goals = []
    for g in rollup.goals:
        goals.append({
            "code": g.code, "level": g.level, "name": g.name, "row": g.row,
            "computed": None if g.computed is None else round(g.computed, 2),
            "worst": g.worst, "actions": g.actions, "graded": g.graded,
            "distribution": {str(k): v for k, v in g.distribution.items()},
            "done_share": None if g.done_share is None else round(g.done_share, 3),
            "reported": g.reported,
        })
    t = rollup.total
    payload = {
        "source": report.source, "sheet": report.sheet, "period": report.period,
        "goals": goals,
        "total": {"computed": None if t.computed is None else round(t.computed, 2), "actions": t.actions,
                  "graded": t.graded, "distribution": {str(k): v for k, v in t.distribution.items()}},
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
