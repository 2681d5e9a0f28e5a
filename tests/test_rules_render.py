"""The runner renders messages through ``Rule.renderer`` (template and level words looked up once per
rule); they must be exactly what the catalogue entry, filled in the plain way, says - in every
language, on every finding of the seed and the generated report."""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import Any

import pytest

from seuranta_xl import validate
from seuranta_xl.messages import LANGUAGES, t
from seuranta_xl.rules import RULES
from seuranta_xl.settings import Settings
from seuranta_xl.validate import render

DATA = Path(__file__).parent / "data"


def _plain(code: str, lang: str, data: dict[str, Any], item_code: str | None) -> str:
    """The message as Rule.message made it before: each piece through messages.t."""
    rule = RULES[code]
    values = {"code": item_code or "", **data}
    if data.get("level") is not None:
        values["level_name"] = name = t(f"rule.level.{data['level']}", lang)
        values["level_name_cap"] = name[:1].upper() + name[1:]
    if rule.params is not None:
        values.update(rule.params(data, lang))
    return t(f"rule.{code}", lang, **values)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_rendered_messages_are_the_catalogue_filled_in(lang, tmp_path):
    path = tmp_path / "generated_report.txt"
    path.write_bytes(gzip.decompress((DATA / "generated_report.txt.gz").read_bytes()))
    strict = {"required": {"annual": ["grade", "progress", "responsible", "risks"],
                           "action": ["grade", "progress", "responsible", "risks", "status"]}}
    findings = [f for p, options in ((path, {}), (DATA / "seed_report.txt", {}), (DATA / "seed_report.txt", strict))
                for f in validate(p, Settings(language=lang, **options)).findings]
    assert len({f.rule for f in findings}) >= 12 and any("level" in f.data for f in findings)
    for f in findings:
        if "truncated" in f.data:
            continue
        assert f.message == _plain(f.rule, lang, f.data, f.code)
        assert render(f, lang) == f.message
        other = "en" if lang != "en" else "sv"
        assert RULES[f.rule].message(other, f.data, f.code) == _plain(f.rule, other, f.data, f.code)
