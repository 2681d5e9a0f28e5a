"""Every rule's results stay what they were: the findings on the seed and on a generated report
(with copy-paste, hierarchy and role faults) against tests/data/rules_golden.json, written by
``benchmarks/golden.py`` from the code before the rules were made linear. Rule, severity, sheet,
row, column, code and the Finnish and English messages, in the order the runner sorts them."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from seuranta_xl import validate
from seuranta_xl.settings import Settings

DATA = Path(__file__).parent / "data"
GOLDEN = json.loads((DATA / "rules_golden.json").read_text(encoding="utf-8"))
#: Stricter settings for the rules the defaults leave quiet (as in benchmarks/golden.py).
STRICT = {"required": {"council": ["grade", "progress", "responsible"],
                       "annual": ["grade", "progress", "responsible", "risks"],
                       "action": ["grade", "progress", "responsible", "risks", "status"]},
          "mismatch_threshold": 0.5}


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("golden") / "generated_report.txt"
    path.write_bytes(gzip.decompress((DATA / "generated_report.txt.gz").read_bytes()))
    return path


def _findings(path: Path, **options: object) -> list[list[object]]:
    fi = validate(path, Settings(language="fi", **options)).findings
    en = validate(path, Settings(language="en", **options)).findings
    return [[f.rule, f.severity, f.sheet, f.row, f.column, f.code, f.message, e.message] for f, e in zip(fi, en)]


@pytest.mark.parametrize("name", ["seed", "generated", "seed_strict"])
def test_findings_as_before(name, generated):
    path = generated if name == "generated" else DATA / "seed_report.txt"
    got = _findings(path, **(STRICT if name == "seed_strict" else {}))
    expected = GOLDEN[name]
    assert {tuple(f[:6]) for f in got} == {tuple(f[:6]) for f in expected}  # (rule, …, code)
    assert got == expected
    assert len({f[0] for f in expected}) >= 12  # the data exercises most rules


TRICKY = [
    "Hanke eteni: 3 kokousta, 2 työpajaa; raportti valmis.",  # Finnish letters, ASCII punctuation
    "Rakennus\u00a0valmis – käyttöönotto\u2026 syksyllä",  # NBSP, en dash, ellipsis: not word characters
    "Cafe\u0301 ja kahvila",  # a combining accent is no word character for the regex
    "snake_case ja CamelCase 2026",
    "ÅÄÖ åäö ½ ² ٣ 漢字",  # numerics and letters beyond Latin-1
    "",
    "\ud800 rikki",  # a lone surrogate, as a broken text export may give
]


@pytest.mark.parametrize("text", TRICKY)
def test_t102_words_are_the_regex_words(text):
    """T102's fast word split gives exactly the words of ``\\w+``, whatever the characters."""
    from seuranta_xl.rules.text import _WORD, _words

    assert _words(text) == [w.encode("utf-8", "surrogatepass") for w in _WORD.findall(text)]


def test_t102_words_on_every_seed_and_generated_text(generated):
    from seuranta_xl.rules.text import _WORD, _norm, _words

    texts = [i.progress for p in (generated, DATA / "seed_report.txt") for i in validate(p).items if i.progress]
    assert len(texts) > 1000
    assert all(_words(_norm(t)) == [w.encode() for w in _WORD.findall(_norm(t))] for t in texts)


@pytest.mark.parametrize("text", ["Valmis.", "  Valmis ", "Valmis\n\nkäytössä", "A\u00a0B", "a\u2028b", "STRASSE Straße",
                                  "x\x1cy", "tab\tbed", "two  spaces", ""])
def test_t101_normal_form_is_spacing_and_case_free(text):
    """T101/T102's normal form: the quick path (a text that is normal already) and the split-and-join agree."""
    from seuranta_xl.rules.text import _norm

    assert _norm(text) == " ".join(text.split()).casefold()


def test_no_whitespace_but_the_space_is_printable():
    """Why _norm's quick path is exact: str.split's whitespace other than " " is never printable."""
    assert not [c for c in range(0x110000) if chr(c).isspace() and c != 0x20 and chr(c).isprintable()]


def test_t102_findings_do_not_depend_on_how_many_triples_it_holds(generated, monkeypatch):
    """T102 lets go of older actions' word triples and makes them again when asked: with room for
    only two, every re-make path runs, and the findings are the golden ones."""
    import seuranta_xl.rules.text as text

    monkeypatch.setattr(text, "_KEEP", 2)
    got = [f for f in _findings(generated) if f[0] == "T102"]
    assert got and got == [f for f in GOLDEN["generated"] if f[0] == "T102"]
