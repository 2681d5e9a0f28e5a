"""Messages to staff, Finnish by default with English available. Identifiers stay English."""

from __future__ import annotations

from typing import Literal

Lang = Literal["fi", "en"]

MESSAGES: dict[str, dict[str, str]] = {
    # --- input that cannot be used (exit 2) ---
    "no_header": {
        "fi": "otsikkoriviä ei löydy taulukolta {sheet} (odotettiin sarakkeita kuten Toimenpide, Etenemisaste)",
        "en": "no header row found on sheet {sheet} (expected columns such as Toimenpide, Etenemisaste)",
    },
    "no_header_any": {
        "fi": "yhdeltäkään taulukolta ei löydy seurantaraportin otsikkoriviä (Valtuustokauden tavoite, Vuositavoite, Toimenpide, Etenemisaste …)",
        "en": "no sheet has a follow-up report header (Valtuustokauden tavoite, Vuositavoite, Toimenpide, Etenemisaste …)",
    },
    "no_rows": {"fi": "taulukolla {sheet} on otsikkorivi mutta ei yhtään riviä", "en": "sheet {sheet} has a header but no rows"},
    "no_sheet": {"fi": "taulukkoa {sheet} ei ole (taulukot: {sheets})", "en": "no sheet named {sheet} (sheets: {sheets})"},
    "not_found": {"fi": "tiedostoa ei löydy", "en": "file not found"},
    "is_directory": {"fi": "on kansio, ei tiedosto", "en": "is a directory, not a file"},
    "unreadable": {"fi": "tiedostoa ei voi lukea ({reason})", "en": "cannot read the file ({reason})"},
    "not_spreadsheet": {
        "fi": "ei ole taulukkolaskentatiedosto (odotettiin .xlsx, .xlsm, .txt, .tsv tai .csv)",
        "en": "not a spreadsheet (expected .xlsx, .xlsm, .txt, .tsv or .csv)",
    },
    "not_spreadsheet_kind": {
        "fi": "on {kind}-tiedosto, ei taulukkolaskentatiedosto; tallenna raportti Excelissä muodossa .xlsx",
        "en": "is a {kind} file, not a spreadsheet; save the report as .xlsx in Excel",
    },
    "corrupt_xlsx": {"fi": "Excel-tiedosto on vioittunut tai keskeneräinen ({reason})", "en": "the Excel file is corrupt or truncated ({reason})"},
    "encrypted": {
        "fi": "tiedosto on salasanasuojattu; poista salasana Excelissä ja yritä uudelleen",
        "en": "the file is password-protected (encrypted); remove the password in Excel and try again",
    },
    "legacy_xls": {
        "fi": "vanha .xls-muoto ei ole tuettu; tallenna Excelissä muodossa .xlsx",
        "en": "the legacy .xls format is not supported; save it as .xlsx in Excel",
    },
    "ods": {
        "fi": "OpenDocument-taulukko (.ods) ei ole tuettu; tallenna muodossa .xlsx",
        "en": "OpenDocument spreadsheets (.ods) are not supported; save it as .xlsx",
    },
    "empty_workbook": {"fi": "työkirjassa ei ole yhtään taulukkoa", "en": "the workbook has no sheets"},
    "empty_file": {"fi": "tiedosto on tyhjä", "en": "the file is empty"},
    # --- limits against hostile files (Settings.limits) and reader notes ---
    "too_big": {
        "fi": "tiedosto on purettuna liian suuri ({size}; raja {limit}, asetus limits.max_uncompressed_bytes)",
        "en": "the file is too large when unpacked ({size}; limit {limit}, setting limits.max_uncompressed_bytes)",
    },
    "too_many_cells": {
        "fi": "taulukolla {sheet} on liian monta solua (raja {limit}, asetus limits.max_cells)",
        "en": "sheet {sheet} has too many cells (limit {limit}, setting limits.max_cells)",
    },
    "xml_bomb": {
        "fi": "Excel-tiedoston osa {part} sisältää DTD-määrittelyn, jota Excel ei koskaan kirjoita (mahdollinen XML-pommi); tiedostoa ei lueta",
        "en": "part {part} of the Excel file has a DTD declaration, which Excel never writes (a possible XML bomb); not read",
    },
    "formula_no_value": {
        "fi": "kaavalla {formula} ei ole tallennettua tulosta (tiedostoa ei ole laskettu Excelissä); arvo luettiin tyhjänä",
        "en": "formula {formula} has no saved result (the file was never recalculated in Excel); read as empty",
    },
    # --- batch validation of several files ---
    "no_reports_in_dir": {
        "fi": "kansiossa ei ole raportteja (.xlsx, .xlsm, .txt, .tsv, .csv)",
        "en": "the folder has no reports (.xlsx, .xlsm, .txt, .tsv, .csv)",
    },
    "unexpected": {"fi": "odottamaton virhe", "en": "unexpected error"},
    "batch_summary": {
        "fi": "{files} tiedostoa: {ok} ilman virheitä, {with_errors} virheellistä, {unusable} käyttökelvotonta",
        "en": "{files} files: {ok} without errors, {with_errors} with errors, {unusable} unusable",
    },
    # --- rule catalogue (seuranta-xl rules / rule CODE) ---
    "unknown_rule": {"fi": "tuntematon sääntö (luettelo: seuranta-xl rules)", "en": "unknown rule (list: seuranta-xl rules)"},
    "rules_head": {"fi": "koodi  vakavuus   nimi / tarkistaa", "en": "code   severity  name / checks"},
    "rule_messages": {"fi": "Viesti", "en": "Message"},
    "rule_family": {"fi": "Ryhmä", "en": "Family"},
    "rule_severity": {"fi": "Oletusvakavuus", "en": "Default severity"},
    # --- hostile and unlucky inputs (issue 13): pre-scan, integrity, safe writes ---
    "not_regular_file": {
        "fi": "ei ole tavallinen tiedosto ({kind}); sitä ei lueta",
        "en": "is not a regular file ({kind}); not read",
        "sv": "är inte en vanlig fil ({kind}); den läses inte",
    },
    "too_big_file": {
        "fi": "tiedosto on liian suuri ({size}; raja {limit}, asetus limits.max_uncompressed_bytes)",
        "en": "the file is too large ({size}; limit {limit}, setting limits.max_uncompressed_bytes)",
        "sv": "filen är för stor ({size}; gräns {limit}, inställningen limits.max_uncompressed_bytes)",
    },
    "corrupt_part": {
        "fi": "Excel-tiedoston osa {part} on vioittunut ({reason}); tiedostoa ei lueta",
        "en": "part {part} of the Excel file is corrupt ({reason}); not read",
        "sv": "delen {part} i Excel-filen är skadad ({reason}); filen läses inte",
    },
    "unsupported_compression": {
        "fi": "Excel-tiedoston osa {part} on pakattu menetelmällä {method}, jota Excel ei käytä; tiedostoa ei lueta",
        "en": "part {part} of the Excel file is compressed with method {method}, which Excel never uses; not read",
        "sv": "delen {part} i Excel-filen är komprimerad med metod {method}, som Excel aldrig använder; filen läses inte",
    },
    "missing_sheet_part": {
        "fi": "työkirjan taulukko {sheet} viittaa osaan {part}, jota tiedostossa ei ole; tiedosto on vioittunut",
        "en": "the workbook's sheet {sheet} refers to part {part}, which the file does not have; the file is corrupt",
        "sv": "arbetsbokens blad {sheet} hänvisar till delen {part}, som inte finns i filen; filen är skadad",
    },
    "strings_mismatch": {
        "fi": "jaettujen merkkijonojen osa {part} on vioittunut ({found} merkkijonoa, ilmoitettu {declared}); luvut olisivat vääriä, joten tiedostoa ei lueta",
        "en": "the shared strings part {part} is corrupt ({found} strings, {declared} declared); figures would be wrong, so the file is not read",
        "sv": "delen för delade strängar {part} är skadad ({found} strängar, {declared} angivna); siffrorna skulle bli fel, så filen läses inte",
    },
    "string_index": {
        "fi": "taulukon {sheet} solu viittaa jaettuun merkkijonoon {index}, mutta niitä on {count}; tiedosto on vioittunut",
        "en": "a cell of sheet {sheet} refers to shared string {index}, but there are {count}; the file is corrupt",
        "sv": "en cell på bladet {sheet} hänvisar till delad sträng {index}, men det finns {count}; filen är skadad",
    },
    "style_index": {
        "fi": "taulukon {sheet} solu käyttää solumuotoilua {index}, mutta niitä on {count}; tiedosto on vioittunut",
        "en": "a cell of sheet {sheet} uses cell format {index}, but there are {count}; the file is corrupt",
        "sv": "en cell på bladet {sheet} använder cellformat {index}, men det finns {count}; filen är skadad",
    },
    "in_place_and_output": {
        "fi": "--in-place ja -o yhdessä: anna vain toinen (--in-place korvaa syötteen, -o kirjoittaa uuden tiedoston)",
        "en": "--in-place and -o together: give one of them (--in-place replaces the input, -o writes a new file)",
        "sv": "--in-place och -o tillsammans: ange bara det ena (--in-place ersätter indatafilen, -o skriver en ny fil)",
    },
    "write_busy": {
        "fi": "toinen seuranta-xl kirjoittaa juuri tätä tiedostoa; yritä uudelleen, kun se on valmis",
        "en": "another seuranta-xl is writing this file right now; try again when it has finished",
        "sv": "en annan seuranta-xl skriver just nu den här filen; försök igen när den är klar",
    },
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Finnish), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["fi"]).format(**values)
