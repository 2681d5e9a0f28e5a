"""Issue 3: the rule table itself, and the ``rules`` / ``rule CODE`` commands."""

from __future__ import annotations

import re
import string

import pytest

from seuranta_xl.rules import DOC_SECTIONS, FAMILIES, RULES


@pytest.mark.parametrize("code", list(RULES))
def test_rule_is_documented_and_translated(code):
    rule = RULES[code]
    assert re.fullmatch(r"[A-Z]\d{3}", code) and rule.family in FAMILIES and rule.code == code
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), "names are short kebab-case descriptions"
    assert rule.severity in ("error", "warning", "info")
    sections = rule.sections()
    assert list(sections) == list(DOC_SECTIONS), "the four sections, in order"
    assert all(len(text) > 20 for text in sections.values())
    assert rule.summary and rule.summary.endswith((".", ")"))
    # fi and en templates exist, differ, and ask for the same values (bar per-language ones).
    fi, en = rule.messages["fi"], rule.messages["en"]
    assert fi and en and fi != en

    def fields(template):
        names = {f for _, f, _, _ in string.Formatter().parse(template) if f}
        return {re.sub(r"_(fi|en)(_cap)?$", "", n) for n in names}

    assert fields(fi) == fields(en)


def test_codes_are_unique_and_grouped_by_family():
    from seuranta_xl.rules import rule

    assert len(set(RULES)) == len(RULES)
    with pytest.raises(ValueError):
        rule("G101", "again", "error", fi="x", en="x")(lambda r, s: [])
    with pytest.raises(ValueError):
        rule("Z101", "no-such-family", "error", fi="x", en="x")(lambda r, s: [])
    assert {r.family for r in RULES.values()} == set(FAMILIES)


def test_rules_command_lists_every_rule(run_cli):
    code, out, err = run_cli("rules")
    assert code == 0 and err == ""
    for rule in RULES.values():
        assert re.search(rf"^{rule.code}\s+{rule.severity}\s+{rule.name}$", out, re.M), rule.code
    assert "Vastuuhenkilö" in out  # family titles in Finnish by default
    assert "Responsible role" in run_cli("rules", "--lang", "en")[1]


@pytest.mark.parametrize("code", list(RULES))
def test_rule_command_prints_the_docs(run_cli, code):
    status, out, err = run_cli("rule", code.lower())
    assert status == 0 and err == ""
    rule = RULES[code]
    assert out.startswith(f"{code} {rule.name}\n")
    for section in DOC_SECTIONS:
        assert f"\n{section}:\n" in out
    assert rule.messages["fi"] in out and rule.messages["en"] in out


def test_rule_command_unknown_code(run_cli):
    status, out, err = run_cli("rule", "X999")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "X999" in err and "Traceback" not in err
