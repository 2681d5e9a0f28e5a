"""The one message catalogue: every id in every language, with the same parameters."""

from __future__ import annotations

import string

import pytest

from seuranta_xl.messages import LANGUAGES, MESSAGES, t, texts


def _fields(text) -> set[str]:
    if not isinstance(text, str):
        return set()
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_every_language_with_the_same_parameters(key):
    entry = MESSAGES[key]
    assert set(entry) == set(LANGUAGES), f"{key} lacks {set(LANGUAGES) - set(entry)}"
    assert all(entry[lang] for lang in LANGUAGES)
    assert {lang: _fields(entry[lang]) for lang in LANGUAGES} == {lang: _fields(entry["fi"]) for lang in LANGUAGES}
    if not isinstance(entry["fi"], str):  # a row of titles: as many in every language
        assert {len(entry[lang]) for lang in LANGUAGES} == {len(entry["fi"])}


def test_rendering_falls_back_to_finnish_and_fills_parameters():
    assert t("written", "sv", path="x.xlsx") == "skrev x.xlsx"
    assert t("written", "de", path="x.xlsx") == "kirjoitettu x.xlsx"
    assert texts("sheet.findings.header", "sv")[1] == "Regel"


def test_the_catalogue_is_the_only_one():
    """No module keeps staff-facing texts of its own (the write path once had a Finnish/English-only
    table, so Swedish users met Finnish errors there)."""
    from pathlib import Path

    import seuranta_xl

    package = Path(seuranta_xl.__file__).parent
    own = [p.relative_to(package).as_posix() for p in package.rglob("*.py")
           if p.name != "messages.py" and '"fi": ' in p.read_text(encoding="utf-8")]
    assert own == []


@pytest.mark.parametrize("lang, needle", [("sv", "filen finns redan"), ("en", "already exists"), ("fi", "on jo olemassa")])
def test_write_errors_speak_every_language(run_cli, tmp_path, lang, needle):
    from conftest import seed_rows, write_rows_xlsx

    src = write_rows_xlsx(seed_rows(), tmp_path / "seed.xlsx")
    out = tmp_path / "out.xlsx"
    out.write_bytes(b"theirs")
    code, _, err = run_cli("dropdowns", src, "-o", out, "--lang", lang)
    assert code == 2 and needle in err
    assert out.read_bytes() == b"theirs"
