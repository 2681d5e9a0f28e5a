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
    # fi, en and sv templates exist, differ, and ask for the same values; so do the short names.
    fi, en, sv = (rule.messages[lang] for lang in ("fi", "en", "sv"))
    assert fi and en and sv and len({fi, en, sv}) == 3

    def fields(template):
        return {f for _, f, _, _ in string.Formatter().parse(template) if f}

    assert fields(fi) == fields(en) == fields(sv)
    assert len({rule.title(lang) for lang in ("fi", "en", "sv")}) == 3


def test_every_rule_message_id_has_fi_en_and_sv():
    from seuranta_xl.messages import MESSAGES

    ids = [k for k in MESSAGES if k.startswith("rule.")]
    assert len(ids) >= 2 * len(RULES)
    for key in ids:
        texts = MESSAGES[key]
        assert set(texts) == {"fi", "en", "sv"} and all(texts.values()), key
        names = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in ("fi", "en", "sv")]
        assert names[0] == names[1] == names[2], key


def test_a_rule_without_a_catalogue_message_is_refused():
    from seuranta_xl.rules import rule

    with pytest.raises(ValueError, match="rule.G999"):
        rule("G999", "not-in-catalogue", "error")(lambda ctx: [])
    assert "G999" not in RULES


def test_codes_are_unique_and_grouped_by_family():
    from seuranta_xl.rules import rule

    assert len(set(RULES)) == len(RULES)
    with pytest.raises(ValueError):
        rule("G101", "again", "error")(lambda ctx: [])
    with pytest.raises(ValueError):
        rule("Z101", "no-such-family", "error")(lambda ctx: [])
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
    assert all(rule.messages[lang] in out for lang in ("fi", "en", "sv"))
    assert rule.title("fi") in out


def test_rule_command_unknown_code(run_cli):
    status, out, err = run_cli("rule", "X999")
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and "X999" in err and "Traceback" not in err
