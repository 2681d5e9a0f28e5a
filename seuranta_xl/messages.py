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
    # --- the reporting cycle: compare, split, merge (issue 16) ---
    "cmp_level_council": {"fi": "valtuustokauden tavoite", "en": "council-term goal", "sv": "fullmäktigemål"},
    "cmp_level_annual": {"fi": "vuositavoite", "en": "annual goal", "sv": "årsmål"},
    "cmp_level_action": {"fi": "toimenpide", "en": "action", "sv": "åtgärd"},
    "cmp_added": {"fi": "uusi {level}: {name}", "en": "new {level}: {name}", "sv": "nytt {level}: {name}"},
    "cmp_removed": {"fi": "poistunut {level}: {name}", "en": "removed {level}: {name}", "sv": "borttaget {level}: {name}"},
    "cmp_renumbered": {
        "fi": "koodi muuttunut {old} → {new} (sama {level} nimen perusteella: {name})",
        "en": "code changed {old} → {new} (the same {level} by its name: {name})",
        "sv": "koden har ändrats {old} → {new} (samma {level} enligt namnet: {name})",
    },
    "cmp_renamed": {"fi": "nimi muuttunut: {new}", "en": "name changed: {new}", "sv": "namnet har ändrats: {new}"},
    "cmp_grade_up": {
        "fi": "etenemisaste {old} → {new}: edennyt", "en": "grade {old} → {new}: progressed",
        "sv": "framskridningsgrad {old} → {new}: har framskridit",
    },
    "cmp_grade_down": {
        "fi": "etenemisaste {old} → {new}: heikentynyt", "en": "grade {old} → {new}: worsened",
        "sv": "framskridningsgrad {old} → {new}: har försämrats",
    },
    "cmp_grade_set": {
        "fi": "etenemisaste annettu: {new} (puuttui edellisestä raportista)",
        "en": "grade given: {new} (missing from the previous report)",
        "sv": "framskridningsgrad angiven: {new} (saknades i föregående rapport)",
    },
    "cmp_grade_cleared": {
        "fi": "etenemisaste puuttuu (edellisessä raportissa {old})",
        "en": "grade missing (the previous report had {old})",
        "sv": "framskridningsgrad saknas (i föregående rapport {old})",
    },
    "cmp_status_up": {
        "fi": "laskettu kokonaistilanne parantunut {old} → {new}",
        "en": "computed overall status improved {old} → {new}",
        "sv": "beräknat helhetsläge har förbättrats {old} → {new}",
    },
    "cmp_status_down": {
        "fi": "laskettu kokonaistilanne heikentynyt {old} → {new}",
        "en": "computed overall status worsened {old} → {new}",
        "sv": "beräknat helhetsläge har försämrats {old} → {new}",
    },
    "cmp_responsible_changed": {
        "fi": "vastuuhenkilö vaihtunut: {old} → {new}", "en": "responsible person changed: {old} → {new}",
        "sv": "ansvarspersonen har bytts: {old} → {new}",
    },
    "cmp_risks_added": {"fi": "uusi riski: {items}", "en": "risk added: {items}", "sv": "ny risk: {items}"},
    "cmp_risks_removed": {"fi": "riski poistunut: {items}", "en": "risk removed: {items}", "sv": "risken har strukits: {items}"},
    "cmp_not_updated": {
        "fi": "eteneminen sama kuin edellisessä raportissa ja etenemisaste ennallaan ({grade}): riviä ei ehkä ole päivitetty",
        "en": "progress text as in the previous report and the grade unchanged ({grade}): the row may not have been updated",
        "sv": "framskridandet som i föregående rapport och framskridningsgraden oförändrad ({grade}): raden har kanske inte uppdaterats",
    },
    "cmp_summary": {
        "fi": "{improved} toimenpidettä edennyt, {worsened} heikentynyt, {not_updated} ilman päivitystä",
        "en": "{improved} actions progressed, {worsened} worsened, {not_updated} without an update",
        "sv": "{improved} åtgärder har framskridit, {worsened} har försämrats, {not_updated} utan uppdatering",
    },
    "cmp_summary_one": {
        "fi": "{improved} toimenpide edennyt, {worsened} heikentynyt, {not_updated} ilman päivitystä",
        "en": "{improved} action progressed, {worsened} worsened, {not_updated} without an update",
        "sv": "{improved} åtgärd har framskridit, {worsened} har försämrats, {not_updated} utan uppdatering",
    },
    "cmp_summary_added": {
        "fi": "; uusia {added}, poistuneita {removed}", "en": "; {added} new, {removed} removed",
        "sv": "; {added} nya, {removed} borttagna",
    },
    "cmp_head": {"fi": "vertailu: {old} → {new}", "en": "comparison: {old} → {new}", "sv": "jämförelse: {old} → {new}"},
    "cmp_none": {"fi": "ei muutoksia", "en": "no changes", "sv": "inga ändringar"},
    "cmp_col_code": {"fi": "Koodi", "en": "Code", "sv": "Kod"},
    "cmp_col_sheet": {"fi": "Taulukko", "en": "Sheet", "sv": "Blad"},
    "cmp_col_change": {"fi": "Muutos", "en": "Change", "sv": "Ändring"},
    "cmp_col_old": {"fi": "Edellinen", "en": "Previous", "sv": "Föregående"},
    "cmp_col_new": {"fi": "Nyt", "en": "Now", "sv": "Nu"},
    "cmp_sheet_source": {"fi": "Verrattu raporttiin {old}", "en": "Compared with {old}", "sv": "Jämfört med {old}"},
    "cmp_foreign_sheet": {
        "fi": "työkirjassa on jo taulukko \"{sheet}\", jota seuranta-xl ei ole tehnyt; nimeä se uudelleen, niin sen sisältö säilyy",
        "en": "the workbook already has a sheet \"{sheet}\" that seuranta-xl did not make; rename it so that its content is kept",
        "sv": "arbetsboken har redan ett blad \"{sheet}\" som seuranta-xl inte har skapat; byt namn på det så att innehållet bevaras",
    },
    "cycle_written": {"fi": "kirjoitettu {path}", "en": "wrote {path}", "sv": "skrev {path}"},
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Finnish), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["fi"]).format(**values)
