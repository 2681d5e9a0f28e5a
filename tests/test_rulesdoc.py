"""docs/rules.md is generated from the RULES table and must be kept in sync."""

from __future__ import annotations

from seuranta_xl.rules import DOC_SECTIONS, RULES
from seuranta_xl.rulesdoc import DOC_PATH, main, render_markdown


def test_docs_rules_md_is_up_to_date():
    assert DOC_PATH.is_file(), "run: python -m seuranta_xl.rulesdoc"
    assert DOC_PATH.read_text(encoding="utf-8") == render_markdown(), \
        "docs/rules.md is out of date: run python -m seuranta_xl.rulesdoc"


def test_every_rule_is_documented_in_the_markdown():
    text = render_markdown()
    for code, rule in RULES.items():
        assert f"\n### {code}\n" in text and f"**{rule.name}**" in text
        block = text.split(f"\n### {code}\n", 1)[1].split("\n### ", 1)[0]
        for section in DOC_SECTIONS:
            assert f"#### {section}" in block, (code, section)


def test_check_mode_detects_a_stale_file(tmp_path, capsys):
    out = tmp_path / "rules.md"
    assert main(["--check", "--output", str(out)]) == 1  # missing
    assert main(["--output", str(out)]) == 0
    assert main(["--check", "--output", str(out)]) == 0
    out.write_text(out.read_text(encoding="utf-8").replace("G101", "G999", 1), encoding="utf-8")
    assert main(["--check", "--output", str(out)]) == 1
    assert "out of date" in capsys.readouterr().err
