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
    # --- rules: findings' messages (rule.CODE), short names (rule.CODE.name), families, level
    # words and the fragments a rule chooses by its data (rules/*.py; rendered by Rule.message) ---
    "rule.doc.name": {"fi": "Nimi", "en": "Name", "sv": "Namn"},
    "rule.level.council": {"fi": "valtuustokauden tavoite", "en": "council-term goal", "sv": "fullmäktigemål"},
    "rule.level.annual": {"fi": "vuositavoite", "en": "annual goal", "sv": "årsmål"},
    "rule.level.action": {"fi": "toimenpide", "en": "action", "sv": "åtgärd"},
    "rule.family.G": {"fi": "Etenemisaste", "en": "Grade", "sv": "Framskridningsgrad"},
    "rule.family.H": {"fi": "Hierarkia ja koodit", "en": "Hierarchy and codes", "sv": "Hierarki och koder"},
    "rule.family.C": {"fi": "Sarakkeiden sijoittelu", "en": "Column placement", "sv": "Kolumnplacering"},
    "rule.family.R": {"fi": "Pakolliset tiedot", "en": "Required fields", "sv": "Obligatoriska uppgifter"},
    "rule.family.P": {"fi": "Vastuuhenkilö", "en": "Responsible role", "sv": "Ansvarsperson"},
    "rule.family.U": {"fi": "Kokonaistilanteen johdonmukaisuus", "en": "Rollup consistency",
                      "sv": "Helhetslägets överensstämmelse"},
    "rule.family.T": {"fi": "Tekstien laatu", "en": "Text quality", "sv": "Textkvalitet"},
    "rule.family.F": {"fi": "Tiedosto ja solut", "en": "File and cells", "sv": "Fil och celler"},
    "rule.G101": {
        "fi": "Etenemisaste puuttuu ({level_name} {code}).",
        "en": "Grade is missing ({level_name} {code}).",
        "sv": "Framskridningsgraden saknas ({level_name} {code}).",
    },
    "rule.G101.name": {"fi": "Etenemisaste puuttuu", "en": "Missing grade", "sv": "Framskridningsgrad saknas"},
    "rule.G102": {
        "fi": "Etenemisaste \"{value}\" ei ole asteikon arvo 1–5.",
        "en": "Grade \"{value}\" is not a value of the 1–5 scale.",
        "sv": "Framskridningsgraden \"{value}\" är inget värde på skalan 1–5.",
    },
    "rule.G102.name": {"fi": "Ei asteikon arvo", "en": "Not a grade", "sv": "Inget värde på skalan"},
    "rule.G103": {
        "fi": "Etenemisasteen luku {value} ja teksti eivät täsmää: \"{label}\" on asteen {label_level} kuvaus. "
              "Luku ratkaisee ({value}); tarkista kumpi on oikein.",
        "en": "Grade number {value} and its label disagree: \"{label}\" is the label of {label_level}. "
              "The number counts ({value}); check which one is right.",
        "sv": "Framskridningsgradens siffra {value} och text stämmer inte överens: \"{label}\" är beskrivningen "
              "av grad {label_level}. Siffran avgör ({value}); kontrollera vilken som är rätt.",
    },
    "rule.G103.name": {"fi": "Luku ja teksti eivät täsmää", "en": "Grade label mismatch",
                       "sv": "Siffra och text stämmer inte överens"},
    "rule.G104": {
        "fi": "Etenemisasteen {value} teksti \"{label}\" poikkeaa asteikon sanamuodosta \"{expected}\".",
        "en": "The wording of grade {value} \"{label}\" differs from the scale's \"{expected}\".",
        "sv": "Texten \"{label}\" för framskridningsgrad {value} avviker från skalans formulering \"{expected}\".",
    },
    "rule.G104.name": {"fi": "Asteen sanamuoto poikkeaa", "en": "Grade label wording",
                       "sv": "Gradens formulering avviker"},
    "rule.H101": {
        "fi": "Koodi {code} on raportissa useammin kuin kerran (ensimmäinen rivillä {first_row}).",
        "en": "Code {code} appears more than once in the report (first on row {first_row}).",
        "sv": "Koden {code} förekommer mer än en gång i rapporten (första gången på rad {first_row}).",
    },
    "rule.H101.name": {"fi": "Sama koodi useasti", "en": "Duplicate code", "sv": "Dubblerad kod"},
    "rule.H102": {
        "fi": "Toimenpiteen {code} vuositavoitetta {parent} ei ole raportissa.",
        "en": "The annual goal {parent} of action {code} is not in the report.",
        "sv": "Årsmålet {parent} för åtgärden {code} finns inte i rapporten.",
    },
    "rule.H102.name": {"fi": "Toimenpiteen vuositavoite puuttuu", "en": "Action without annual goal",
                       "sv": "Åtgärd utan årsmål"},
    "rule.H103": {
        "fi": "Vuositavoitteen {code} valtuustokauden tavoitetta {parent} ei ole raportissa.",
        "en": "The council-term goal {parent} of annual goal {code} is not in the report.",
        "sv": "Fullmäktigemålet {parent} för årsmålet {code} finns inte i rapporten.",
    },
    "rule.H103.name": {"fi": "Vuositavoitteen valtuustokauden tavoite puuttuu",
                       "en": "Annual goal without council-term goal", "sv": "Årsmål utan fullmäktigemål"},
    "rule.H104": {
        "fi": "{level_name_cap} {code} kuuluu koodinsa mukaan tavoitteelle {parent}, mutta se on tavoitteen {heading} alla.",
        "en": "{level_name_cap} {code} belongs by its code to {parent}, but it stands under {heading}.",
        "sv": "{level_name_cap} {code} hör enligt sin kod till målet {parent}, men står under målet {heading}.",
    },
    "rule.H104.name": {"fi": "Toisen tavoitteen alla", "en": "Listed under another goal", "sv": "Under ett annat mål"},
    "rule.H105": {
        "fi": "Koodi \"{raw}\" ei ole vakiomuodossa; se luettiin koodiksi \"{code}\".",
        "en": "Code \"{raw}\" is not in the standard form; it was read as \"{code}\".",
        "sv": "Koden \"{raw}\" är inte i standardform; den lästes som \"{code}\".",
    },
    "rule.H105.name": {"fi": "Koodi ei ole vakiomuodossa", "en": "Non-canonical code", "sv": "Kod inte i standardform"},
    "rule.H106": {
        "fi": "Koodilla {code} ei ole nimeä.",
        "en": "Code {code} has no name.",
        "sv": "Koden {code} saknar namn.",
    },
    "rule.H106.name": {"fi": "Koodi ilman nimeä", "en": "Code without name", "sv": "Kod utan namn"},
    "rule.H107": {
        "fi": "Rivillä on tietoja ({fields}) mutta ei tavoitteen tai toimenpiteen koodia; tietoja ei lasketa mihinkään.",
        "en": "The row has content ({fields}) but no goal or action code; it is not counted anywhere.",
        "sv": "Raden har innehåll ({fields}) men ingen kod för ett mål eller en åtgärd; den räknas inte in någonstans.",
    },
    "rule.H107.name": {"fi": "Rivi ilman koodia", "en": "Row without code", "sv": "Rad utan kod"},
    "rule.C101": {
        "fi": "{code} ({level_name}) on sarakkeessa {column}; se kuuluu sarakkeeseen {expected} ({title}).",
        "en": "{code} ({level_name}) is in column {column}; it belongs in column {expected} ({title}).",
        "sv": "{code} ({level_name}) står i kolumn {column}; den hör hemma i kolumn {expected} ({title}).",
    },
    "rule.C101.name": {"fi": "Koodi väärässä sarakkeessa", "en": "Code in wrong column", "sv": "Kod i fel kolumn"},
    "rule.C102": {
        "fi": "Sarakkeessa {column} ({title}) on tekstiä ilman koodia: \"{text}\". {hint}",
        "en": "Column {column} ({title}) holds text without a code: \"{text}\". {hint}",
        "sv": "Kolumn {column} ({title}) innehåller text utan kod: \"{text}\". {hint}",
    },
    "rule.C102.name": {"fi": "Tekstiä ilman koodia nimisarakkeessa", "en": "Text without code in name column",
                       "sv": "Text utan kod i en namnkolumn"},
    "rule.C102.hint.name": {
        "fi": "Se on todennäköisesti koodin {name_of} nimi (samaan soluun koodin kanssa).",
        "en": "It is probably the name of {name_of} (same cell as the code).",
        "sv": "Den är troligen namnet på {name_of} (i samma cell som koden).",
    },
    "rule.C102.hint.risks": {
        "fi": "Se kuuluu todennäköisesti riskisarakkeeseen {belongs} ({risks_title}).",
        "en": "It probably belongs in the risks column {belongs} ({risks_title}).",
        "sv": "Den hör troligen hemma i riskkolumnen {belongs} ({risks_title}).",
    },
    "rule.C102.hint.none": {
        "fi": "Lisää koodi tai siirrä teksti oikeaan sarakkeeseen.",
        "en": "Add a code or move the text to the right column.",
        "sv": "Lägg till en kod eller flytta texten till rätt kolumn.",
    },
    "rule.R101": {
        "fi": "Eteneminen puuttuu ({level_name} {code}).",
        "en": "Progress text (Eteneminen) is missing ({level_name} {code}).",
        "sv": "Framstegstexten (Eteneminen) saknas ({level_name} {code}).",
    },
    "rule.R101.name": {"fi": "Eteneminen puuttuu", "en": "Missing progress", "sv": "Framstegstext saknas"},
    "rule.R102": {
        "fi": "Vastuuhenkilö puuttuu ({level_name} {code}).",
        "en": "Responsible (Vastuuhenkilö) is missing ({level_name} {code}).",
        "sv": "Ansvarsperson (Vastuuhenkilö) saknas ({level_name} {code}).",
    },
    "rule.R102.name": {"fi": "Vastuuhenkilö puuttuu", "en": "Missing responsible", "sv": "Ansvarsperson saknas"},
    "rule.R103": {
        "fi": "Riskejä ei ole kirjattu ({level_name} {code}).",
        "en": "No risks are recorded ({level_name} {code}).",
        "sv": "Inga risker har antecknats ({level_name} {code}).",
    },
    "rule.R103.name": {"fi": "Riskit puuttuvat", "en": "Missing risks", "sv": "Risker saknas"},
    "rule.R104": {
        "fi": "Pakollinen tieto {title} puuttuu ({level_name} {code}).",
        "en": "Required field {title} is missing ({level_name} {code}).",
        "sv": "Den obligatoriska uppgiften {title} saknas ({level_name} {code}).",
    },
    "rule.R104.name": {"fi": "Pakollinen tieto puuttuu", "en": "Missing required field",
                       "sv": "Obligatorisk uppgift saknas"},
    "rule.R105": {
        "fi": "Otsikkorivillä ei ole saraketta {title}, vaikka se on pakollinen tieto; sitä ei voitu tarkistaa.",
        "en": "The header has no column {title} although it is a required field; it could not be checked.",
        "sv": "Rubrikraden saknar kolumnen {title} fast den är en obligatorisk uppgift; den kunde inte kontrolleras.",
    },
    "rule.R105.name": {"fi": "Pakollinen sarake puuttuu", "en": "Missing required column",
                       "sv": "Obligatorisk kolumn saknas"},
    "rule.P101": {
        "fi": "Vastuuhenkilö \"{value}\" ei ole roolilistalla{hint}",
        "en": "Responsible \"{value}\" is not on the list of roles{hint}",
        "sv": "Ansvarspersonen \"{value}\" finns inte på rollistan{hint}",
    },
    "rule.P101.name": {"fi": "Tuntematon rooli", "en": "Unknown role", "sv": "Okänd roll"},
    "rule.P102": {
        "fi": "Vastuuhenkilö \"{value}\" ({rows_text}) on lähes sama kuin {others}: sama rooli eri "
              "kirjoitusasuissa{hint}",
        "en": "Responsible \"{value}\" ({rows_text}) is nearly the same as {others}: one role spelled in "
              "several ways{hint}",
        "sv": "Ansvarspersonen \"{value}\" ({rows_text}) är nästan densamma som {others}: samma roll stavad "
              "på flera sätt{hint}",
    },
    "rule.P102.name": {"fi": "Roolin kirjoitusasut", "en": "Role spelling variants", "sv": "Stavningsvarianter av en roll"},
    "rule.rows.one": {"fi": "rivi {rows}", "en": "row {rows}", "sv": "rad {rows}"},
    "rule.rows.many": {"fi": "rivit {rows}", "en": "rows {rows}", "sv": "rader {rows}"},
    "rule.U101": {
        "fi": "{level_name_cap} {code}: oma etenemisaste {reported}, toimenpiteiden keskiarvo {mean} "
              "(heikoin {worst}; toimenpiteet {grades}).",
        "en": "{level_name_cap} {code}: own grade {reported}, mean of its actions {mean} "
              "(worst {worst}; actions {grades}).",
        "sv": "{level_name_cap} {code}: egen framskridningsgrad {reported}, åtgärdernas medeltal {mean} "
              "(svagast {worst}; åtgärderna {grades}).",
    },
    "rule.U101.name": {"fi": "Oma aste poikkeaa toimenpiteistä", "en": "Reported grade differs from actions",
                       "sv": "Egen grad avviker från åtgärderna"},
    "rule.U102": {
        "fi": "{level_name_cap} {code}: toimenpiteiden keskiarvo {mean} näyttää hyvältä, mutta heikko "
              "toimenpide jää piiloon: {weak}.",
        "en": "{level_name_cap} {code}: the mean of its actions {mean} looks good but hides a weak "
              "action: {weak}.",
        "sv": "{level_name_cap} {code}: åtgärdernas medeltal {mean} ser bra ut men döljer en svag "
              "åtgärd: {weak}.",
    },
    "rule.U102.name": {"fi": "Keskiarvo peittää heikon toimenpiteen", "en": "Mean hides weak action",
                       "sv": "Medeltalet döljer en svag åtgärd"},
    "rule.U103": {
        "fi": "Kokonais-tilanteessa on arvo \"{own}\", mutta toimenpiteiden etenemisasteiden keskiarvo on "
              "{computed_text}.",
        "en": "Kokonais-tilanne holds \"{own}\", but the mean of the actions' grades is {computed_text}.",
        "sv": "Helhetsläget (Kokonais-tilanne) har värdet \"{own}\", men medeltalet av åtgärdernas "
              "framskridningsgrader är {computed_text}.",
    },
    "rule.U103.name": {"fi": "Kokonais-tilanne poikkeaa lasketusta", "en": "Status differs from computed",
                       "sv": "Helhetsläget avviker från det beräknade"},
    "rule.T101": {
        "fi": "Eteneminen on sama kuin {relation} {other} (rivi {other_row}) tekstissä.",
        "en": "The progress text is identical to that of {relation} {other} (row {other_row}).",
        "sv": "Framstegstexten är identisk med texten för {relation} {other} (rad {other_row}).",
    },
    "rule.T101.name": {"fi": "Kopioitu etenemisteksti", "en": "Copied progress text", "sv": "Kopierad framstegstext"},
    "rule.T102": {
        "fi": "Eteneminen toistaa lähes sellaisenaan {relation} {other} (rivi {other_row}) tekstiä.",
        "en": "The progress text largely repeats that of {relation} {other} (row {other_row}).",
        "sv": "Framstegstexten upprepar nästan ordagrant texten för {relation} {other} (rad {other_row}).",
    },
    "rule.T102.name": {"fi": "Toistettu etenemisteksti", "en": "Reused progress text", "sv": "Upprepad framstegstext"},
    "rule.relation.goal": {"fi": "tavoitteen", "en": "its goal", "sv": "målet"},
    "rule.relation.sibling": {"fi": "rinnakkaisen", "en": "sibling", "sv": "den parallella punkten"},
    "rule.F101": {
        "fi": "Solussa on kaava, jolla ei ole tallennettua tulosta: {note}.",
        "en": "The cell holds a formula with no saved result: {note}.",
        "sv": "Cellen innehåller en formel utan sparat resultat: {note}.",
    },
    "rule.F101.name": {"fi": "Kaava ilman tallennettua tulosta", "en": "Formula without saved result",
                       "sv": "Formel utan sparat resultat"},
}


def t(key: str, lang: str = "fi", **values: object) -> str:
    """The message ``key`` in ``lang`` (falls back to Finnish), filled with ``values``."""
    texts = MESSAGES[key]
    return texts.get(lang, texts["fi"]).format(**values)
