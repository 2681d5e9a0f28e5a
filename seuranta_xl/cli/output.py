"""Rendering results for people (text) and programs (JSON, CSV). Pure: strings in, strings out."""

from __future__ import annotations

import csv
import io
import json
import sys
from itertools import groupby
from typing import TYPE_CHECKING

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


def summary_line(report: Report, lang: str = "fi") -> str:
    """E.g. ``tarkistettu 67 riviä, 39 toimenpidettä: 12 virhettä, 30 varoitusta, 5 huomautusta``."""
    return t("summary.validate", lang, **report.counts())


def findings_text(report: Report, lang: str = "fi") -> str:
    """Findings grouped by row, readable in a terminal, with the counts at the end."""
    lines = [f"{report.source} [{report.sheet}]"]
    for row, group in groupby(report.findings, key=lambda f: f.row):
        group = list(group)
        code = next((f.code for f in group if f.code), None)
        head = t("out.row", lang, row=row) if row else t("out.whole_report", lang)
        lines.append(f"\n{head}" + (f"  {code}" if code else ""))
        for f in group:
            where = f.cell or ""
            lines.append(f"  {where:<6} {f.rule}  {t('severity.' + f.severity, lang):<9} {f.message}")
    lines.append("")
    lines.append(summary_line(report, lang))
    return "\n".join(lines)


def summary_text(summary: "Summary", lang: str = "fi") -> str:
    """What a command did, for a terminal: the findings for validate/run, else the summary line
    and the findings it lists (a rollup's own values that differ from the computed ones)."""
    if summary.command in ("validate", "run") and summary.report is not None:
        return findings_text(summary.report, lang)
    lines = [t(summary.message, lang, **summary.params)]
    lines += [f"  {f.cell or ''}  {f.rule}  {f.message}" for f in summary.listed]
    return "\n".join(lines)


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
    words = [t(f"out.rollup.{key}", lang) for key in ("code", "mean", "worst", "actions", "reported", "name")]
    widths = [max(9, len(words[0])), 5, max(5, len(words[2])), max(7, len(words[3])), max(8, len(words[4]))]
    head = " ".join(f"{w:<{n}}" if i == 0 else f"{w:>{n}}" for i, (w, n) in enumerate(zip(words, widths)))
    head += f"  {words[5]}"
    lines = [f"{report.source} [{report.sheet}]" + (f"  {report.period}" if report.period else ""), head]
    for g in rollup.goals:
        code = g.code + "." if g.level == "council" else "  " + g.code
        reported = str(g.reported) if g.reported is not None else "–"
        name = g.name if len(g.name) <= 60 else g.name[:59] + "…"
        cells = [code, _fmt(g.computed), str(g.worst or "–"), str(g.actions), reported]
        lines.append(" ".join(f"{c:<{n}}" if i == 0 else f"{c:>{n}}" for i, (c, n) in enumerate(zip(cells, widths)))
                     + f"  {name}")
    total = rollup.total
    word = t("out.rollup.total", lang)
    lines.append(f"{word:<9} {_fmt(total.computed):>5}  ({total.graded}/{total.actions})")
    return "\n".join(lines)


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
