"""Rendering results for people (text) and programs (JSON, CSV). Pure: strings in, strings out.

``json`` and ``csv`` are imported where a JSON or CSV output is asked for: the text output, what
staff and most scripts read, does without them (a few milliseconds of every start).
"""

from __future__ import annotations

import io
import re
import sys
from itertools import groupby
from typing import TYPE_CHECKING, Sequence

from ..codes import display_code
from ..messages import t
from ..model import Report
from ..rollup import Rollup

if TYPE_CHECKING:
    from ..commands import Summary


def write_utf8(text: str) -> None:
    """Output is UTF-8 whatever the locale (JSON must be; a Windows console's cp1252 would fail on '–')."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


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
    return t("summary.validate", lang, **report.counts())


def _as_list(reports: "Report | Sequence[Report]") -> list[Report]:
    return [reports] if isinstance(reports, Report) else list(reports)


def _total_counts(reports: list[Report]) -> dict[str, int]:
    total: dict[str, int] = {}
    for report in reports:
        for key, value in report.counts().items():
            total[key] = total.get(key, 0) + value
    return total


def findings_text(reports: "Report | Sequence[Report]", lang: str = "fi") -> str:
    """Findings grouped by sheet and row, readable in a terminal, with the counts at the end (and
    the counts over all sheets when there are several)."""
    reports = _as_list(reports)
    blocks = [_sheet_findings_text(report, lang) for report in reports]
    if len(reports) > 1:
        blocks.append(t("out.all_sheets", lang, sheets=len(reports)) + " " + t("summary.validate", lang, **_total_counts(reports)))
    return "\n\n".join(blocks)


def _sheet_findings_text(report: Report, lang: str) -> str:
    lines = [f"{report.source} [{report.sheet}]"]
    severity = {}  # each severity's word, padded, looked up once (not once per finding)
    for row, group in groupby(report.findings, key=lambda f: f.row):
        group = list(group)
        code = next((f.code for f in group if f.code), None)
        head = t("out.row", lang, row=row) if row else t("out.whole_report", lang)
        lines.append("")
        lines.append(head + (f"  {code}" if code else ""))
        for f in group:
            where = f.cell or ""
            word = severity.get(f.severity)
            if word is None:
                word = severity[f.severity] = f"{t('severity.' + f.severity, lang):<9}"
            lines.append(f"  {where:<6} {f.rule}  {word} {f.message}")
    lines.append("")
    lines.append(summary_line(report, lang))
    return _safe_lines(lines)


def _safe_lines(lines: list[str]) -> str:
    """The lines, each :func:`terminal_safe`, joined by line breaks: one search over all of them
    first, since a report's findings seldom hold a control character (a call per line was a
    quarter of the text output at 50,000 actions)."""
    if _UNSAFE.search("".join(lines)) is None:
        return "\n".join(lines)
    return "\n".join(terminal_safe(line) for line in lines)


def summary_text(summary: "Summary", lang: str = "fi") -> str:
    """What a command did, for a terminal: the findings for validate/run, else the summary line
    and the findings it lists (a rollup's own values that differ from the computed ones)."""
    if summary.command in ("validate", "run") and summary.reports:
        return findings_text(summary.reports, lang)
    lines = [t(summary.message, lang, **summary.params)]
    lines += [f"  {f.cell or ''}  {f.rule}  {f.message}" for f in summary.listed]
    return "\n".join(terminal_safe(line) for line in lines)


def findings_json(reports: "Report | Sequence[Report]") -> str:
    """``{"source", "sheet", "sheets", "period", "counts", "findings"}``: ``sheet`` is the first report
    sheet, ``sheets`` all of them; counts and findings over all (each finding names its sheet)."""
    import json

    reports = _as_list(reports)
    first = reports[0]
    payload = {
        "source": first.source,
        "sheet": first.sheet,
        "sheets": [r.sheet for r in reports],
        "period": first.period,
        "counts": _total_counts(reports),
        "findings": [f.model_dump(exclude={"data"}) | {"data": f.data} for r in reports for f in r.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2, default=str)


def csv_safe(value: object) -> object:
    """Cells that begin like a formula are prefixed with ' so Excel shows them as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def findings_csv(reports: "Report | Sequence[Report]") -> str:
    import csv

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    fields = ["rule", "severity", "sheet", "row", "column", "code", "message"]
    writer.writerow(fields)
    for f in (f for r in _as_list(reports) for f in r.findings):
        writer.writerow([csv_safe(getattr(f, name)) for name in fields])
    return out.getvalue()


def _fmt(value: float | None, digits: int = 2) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _pairs(rollups: "Rollup | dict[str, Rollup]", reports: "Report | Sequence[Report]") -> list[tuple[Rollup, Report]]:
    reports = _as_list(reports)
    if isinstance(rollups, Rollup):
        return [(rollups, reports[0])]
    return [(rollups[r.sheet], r) for r in reports]


def rollup_text(rollups: "Rollup | dict[str, Rollup]", reports: "Report | Sequence[Report]", lang: str = "fi") -> str:
    """Per report sheet: a line per goal (code, mean, worst, actions, reported grade, name) and the total."""
    words = [t(f"out.rollup.{key}", lang) for key in ("code", "mean", "worst", "actions", "reported", "name")]
    widths = [max(9, len(words[0])), 5, max(5, len(words[2])), max(7, len(words[3])), max(8, len(words[4]))]
    head = " ".join(f"{w:<{n}}" if i == 0 else f"{w:>{n}}" for i, (w, n) in enumerate(zip(words, widths)))
    head += f"  {words[5]}"
    blocks = []
    for rollup, report in _pairs(rollups, reports):
        lines = [f"{report.source} [{report.sheet}]" + (f"  {report.period}" if report.period else ""), head]
        for g in rollup.goals:
            code = display_code(g.code) if g.level == "council" else "  " + display_code(g.code)
            reported = str(g.reported) if g.reported is not None else "–"
            name = g.name if len(g.name) <= 60 else g.name[:59] + "…"
            cells = [code, _fmt(g.computed), str(g.worst or "–"), str(g.actions), reported]
            lines.append(" ".join(f"{c:<{n}}" if i == 0 else f"{c:>{n}}" for i, (c, n) in enumerate(zip(cells, widths)))
                         + f"  {name}")
        total = rollup.total
        word = t("out.rollup.total", lang)
        line = f"{word:<9} {_fmt(total.computed):>5}  ({total.graded}/{total.actions})"
        if total.not_applicable:
            line += "  " + t("out.rollup.not_applicable", lang, count=total.not_applicable)
        lines.append(line)
        blocks.append("\n".join(terminal_safe(line) for line in lines))
    return "\n\n".join(blocks)


def rollup_json(rollups: "Rollup | dict[str, Rollup]", reports: "Report | Sequence[Report]") -> str:
    """``{"source", "sheet", "sheets", "period", "goals": [{"sheet", "code", ...}], "total"}``: codes in
    their one canonical form (``03.``, ``03.06``, as on the sheet); ``total`` over the first sheet,
    ``totals`` per sheet."""
    import json

    pairs = _pairs(rollups, reports)
    goals = []
    totals = {}
    for rollup, report in pairs:
        for g in rollup.goals:
            goals.append({
                "sheet": report.sheet, "code": display_code(g.code), "level": g.level, "name": g.name, "row": g.row,
                "computed": None if g.computed is None else round(g.computed, 2),
                "worst": g.worst, "actions": g.actions, "graded": g.graded,
                "distribution": {str(k): v for k, v in g.distribution.items()},
                "done_share": None if g.done_share is None else round(g.done_share, 3),
                "reported": g.reported, "not_applicable": g.not_applicable,
            })
        total = rollup.total
        totals[report.sheet] = {"computed": None if total.computed is None else round(total.computed, 2),
                                "actions": total.actions, "graded": total.graded,
                                "distribution": {str(k): v for k, v in total.distribution.items()},
                                "not_applicable": total.not_applicable}
    first = pairs[0][1]
    payload = {
        "source": first.source, "sheet": first.sheet, "sheets": [r.sheet for _, r in pairs], "period": first.period,
        "goals": goals, "total": totals[first.sheet], "totals": totals,
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
