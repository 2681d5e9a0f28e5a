"""Generate follow-up reports of N actions in the seed report's layout, for the benchmark and tests.

The layout is the seed's (``tests/data/seed_report.txt``): title on row 3, legend on rows 5-11,
header on row 13, columns A-H, a council-term goal row (code in A), annual goal rows (code in B)
and action rows (code in C), sometimes an annual goal and its first action on one row, now and then
a blank row. Text lengths follow the seed's (names ~60-150 characters, risks ~50-300, progress
texts ~100-1,500) and are cut from a Finnish word pool, so strings are realistic in size and
characters (ä, ö). A few per cent of the rows carry the faults staff make: missing grades, invalid
grades, misspelled roles, codes in the wrong column, rows without a code, annual goal grades that
do not match their actions. The same ``seed`` gives the same report, byte for byte in the .txt.

Usage::

    python benchmarks/generate.py 5000 -o raportti.xlsx [--txt raportti.txt] [--seed 1]
"""

from __future__ import annotations

import argparse
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

TITLE = "Tavoitteiden ja toimenpiteiden seuranta 1 - 9 / 2021"
SCALE = {
    1: "Toteutuksessa ei ole edetty tai toimenpide ei vaadi toimenpiteitä ko. toimialueelta",
    2: "Suunnitteluvaiheessa, on edetty hieman",
    3: "Toteutus on aloitettu, ei vielä valmis",
    4: "Toteutusvaiheessa lähellä valmistumista, ei vielä viimeistelty/käyttöön otettu",
    5: "Toimenpide on toteutettu ja käyttöön otettu toteutusohjelman mukaan",
}
HEADER = [
    "Valtuustokauden tavoite", "Vuositavoite", "Toimenpide",
    "Merkittävimmät tavoitteen toteuttamista uhkaavat riskit", "Kokonais-tilanne", "Etenemisaste",
    "Eteneminen", "Vastuuhenkilö",
]
HEADER_ROW = 13
ROLES = ["Kunnanjohtaja", "Talousjohtaja", "Hallintojohtaja", "Henkilöstöjohtaja", "Sivistysjohtaja",
         "Kasvu- ja ympäristöjohtaja"]
# Misspellings as the seed has them (Talusojohtaja, Talusohtaja, Taloustohtaja) and their kind.
MISSPELLED_ROLES = ["Talusojohtaja", "Talusohtaja", "Taloustohtaja", "Hallintojohtja", "Henkilöstöjohtaj",
                    "Sivistysjohtaaja", "Kunnajohtaja"]
INVALID_GRADES = ["3,5", "6", "0", "valmis", "kesken", "2-3", "ok"]

# Words of the seed's register; text cells are cut from a long pool of them.
_WORDS = (
    "kunta kunnan palvelut palveluiden asiakas asiakkaiden työllisyys työllisyyspalveluiden yhteistyö "
    "kehitämme vahvistamme parannamme toteutamme otamme käyttöön sähköinen sähköisen asiointi digitalisaatio "
    "tiedonhallinta tiedonhallintalain prosessit prosessien henkilöstö henkilöstön osaaminen osaamisen "
    "hankinnat hankintojen resurssit resurssipula rajalliset riski riskinä hyvinvointi hyvinvoinnin arjen "
    "sujuvuus elinvoima elinvoiman yritysten kanssa keskeisten tavoitteiden toteutuminen toteutumista "
    "valmistelu valmistelua jatketaan vuoden 2021 aikana sekä ja tai mutta myös jotta joka jonka "
    "suunnitelmallisesti edistämme laajennamme tarkennamme ylläpidämme turvaamme huolehdimme systematisoimme "
    "mittaamista hyödyntämistä kehittämisessä vertailutietoa organisaation organisaatio-osan toimialueiden "
    "yhteishankinta kilpailutus valmistuu alkuvuodesta ohjeistus päivitetty viestitty henkilöstölle "
    "Keusote sote-kuntayhtymän maakuntauudistuksen lähipalvelut tuusulalaisten kuntalaisille suunnattuja "
    "koronatilanne vaikeuttaa etenemistä työ etenee suunnitellusti mutta ei vielä valmis "
    "toteutusohjelman mukaisesti arvioitu seurattu raportoitu valtuustolle hallitukselle lautakunnalle"
).split()
_POOL_CHARS = 400_000


@dataclass
class Faults:
    """Sheet rows of each fault kind the generator put in (for tests and for reading the benchmark)."""

    missing_grade: list[int] = field(default_factory=list)
    invalid_grade: list[int] = field(default_factory=list)
    misspelled_role: list[int] = field(default_factory=list)
    wrong_column: list[int] = field(default_factory=list)
    uncoded_row: list[int] = field(default_factory=list)
    grade_mismatch: list[int] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {k: len(v) for k, v in self.__dict__.items()}


@dataclass
class Generated:
    rows: list[list[object]]  # sheet row 1 first; None for an empty cell
    actions: int
    annual_goals: int
    council_goals: int
    faults: Faults


class _Text:
    """Slices of a long, deterministic stream of Finnish words: fast text of any length."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        words, size = [], 0
        while size < _POOL_CHARS:
            word = rng.choice(_WORDS)
            words.append(word)
            size += len(word) + 1
        self.pool = " ".join(words)
        self.limit = len(self.pool) - 2_000

    def cut(self, length: int) -> str:
        start = self.pool.find(" ", self.rng.randrange(self.limit)) + 1
        text = self.pool[start:start + length].rstrip()
        # end on a word and a full stop, like a sentence typed by staff
        end = text.rfind(" ")
        if end > length // 2:
            text = text[:end]
        return text[0].upper() + text[1:] + "."

    def length(self, low: int, median: int, high: int) -> int:
        """A right-skewed length between low and high with about the given median (as in the seed)."""
        sigma = 0.6
        value = int(self.rng.lognormvariate(math.log(median), sigma))
        return max(low, min(high, value))


def generate(n_actions: int, seed: int = 1, fault_rate: float = 0.02, annual_per_council: int = 20) -> Generated:
    """A report of exactly ``n_actions`` actions (every coded action counts, wherever its code stands)."""
    if n_actions < 1:
        raise ValueError("n_actions must be at least 1")
    rng = random.Random(seed)
    text = _Text(rng)
    faults = Faults()
    rows: list[list[object]] = [[None] * 8 for _ in range(HEADER_ROW)]
    rows[2][0] = TITLE
    rows[4][0] = ("Tavoitteiden ja toimenpiteiden etenemisastetta on arvioitu sille asetettua "
                  "toteutusohjelmaa vasten seuraavalla asteikolla:")
    for level in range(1, 6):
        rows[5 + level][0] = f"{'- ' if level == 1 else ' '}{level}= {SCALE[level]}"
    rows[HEADER_ROW - 1] = list(HEADER)

    # Codes have two digits per part: at most 99 council goals, 99 annual goals per council goal and
    # 99 actions per annual goal, so the big reports get more actions per annual goal.
    per_annual = max(3.0, n_actions / (annual_per_council * 90))  # slack below 99 council goals
    councils = annual_goals = 0
    remaining = n_actions

    def fault() -> bool:
        return rng.random() < fault_rate

    def grade_cell(value: int) -> object:
        return f"{value} {SCALE[value]}" if rng.random() < 0.9 else value

    def role() -> str:
        return rng.choice(ROLES)

    def add(row: list[object]) -> int:
        rows.append(row)
        return len(rows)

    while remaining > 0:
        councils += 1
        if councils > 99:
            raise ValueError(f"{n_actions} actions do not fit two-digit codes")
        add([f"{councils:02d}. {text.cut(text.length(48, 106, 170))}", None, None, None, None, None, None, None])
        for annual_no in range(1, annual_per_council + 1):
            if remaining <= 0:
                break
            annual_goals += 1
            want = max(1, min(99, round(rng.uniform(0.4, 1.6) * per_annual)))
            count = min(want, remaining)
            remaining -= count
            annual_code = f"{councils:02d}.{annual_no:02d}"
            annual_name = f"{annual_code} {text.cut(text.length(31, 90, 150))}"
            grades = [rng.choices([1, 2, 3, 4, 5], weights=[2, 17, 25, 6, 10])[0] for _ in range(count)]
            shared = rng.random() < 0.1  # the annual goal and its first action on one row, as in the seed
            if not shared:
                mean = round(sum(grades) / len(grades))
                annual_row = [None, annual_name, None, None, None, None, None, None]
                if rng.random() < 0.5:
                    annual_row[3] = text.cut(text.length(50, 97, 300))
                if fault():
                    # a goal grade that does not follow its actions: at least two steps off the mean
                    mean = 1 if mean >= 3 else 5
                    faults.grade_mismatch.append(len(rows) + 1)
                annual_row[5] = grade_cell(mean)
                annual_row[6] = text.cut(text.length(100, 384, 1500))
                annual_row[7] = role()
                add(annual_row)
            for action_no, grade in enumerate(grades, start=1):
                code = f"{annual_code}.{action_no:02d}"
                row: list[object] = [None, None, f"{code} {text.cut(text.length(37, 103, 211))}",
                                     None, None, grade_cell(grade), text.cut(text.length(100, 384, 1500)), role()]
                if rng.random() < 0.5:
                    row[3] = text.cut(text.length(50, 97, 300))
                if shared and action_no == 1:
                    row[1] = annual_name
                elif fault():
                    row[1], row[2] = row[2], None  # the action's code typed in the annual goal column
                    faults.wrong_column.append(len(rows) + 1)
                kind = rng.random() if fault() else None
                if kind is not None:
                    if kind < 0.4:
                        row[5] = None
                        faults.missing_grade.append(len(rows) + 1)
                    elif kind < 0.7:
                        row[5] = rng.choice(INVALID_GRADES)
                        faults.invalid_grade.append(len(rows) + 1)
                    else:
                        row[7] = rng.choice(MISSPELLED_ROLES)
                        faults.misspelled_role.append(len(rows) + 1)
                add(row)
                if fault():
                    # a row with content but no code (risk or progress text slipped to its own row)
                    add([None, None, None, text.cut(text.length(12, 40, 120)), None, None,
                         text.cut(text.length(100, 200, 600)), role()])
                    faults.uncoded_row.append(len(rows))
            if rng.random() < 0.03:
                add([None] * 8)  # blank rows, as the seed has
    return Generated(rows=rows, actions=n_actions, annual_goals=annual_goals, council_goals=councils,
                     faults=faults)


def write_xlsx(generated: Generated, path: str | Path, sheet: str = "Seuranta") -> Path:
    """The report as .xlsx (openpyxl write-only mode: streams rows, fast and flat in memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(sheet)
    for row in generated.rows:
        worksheet.append(row)
    workbook.save(path)
    return Path(path)


def write_txt(generated: Generated, path: str | Path) -> Path:
    """The report as Excel's tab-separated text export (UTF-8; line N = sheet row N)."""
    lines = ["\t".join("" if v is None else str(v) for v in row).rstrip("\t") for row in generated.rows]
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Path(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate a follow-up report of N actions (seed layout).")
    parser.add_argument("actions", type=int)
    parser.add_argument("-o", "--output", required=True, help=".xlsx to write")
    parser.add_argument("--txt", help="also write the tab-separated text export here")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fault-rate", type=float, default=0.02)
    args = parser.parse_args(argv)
    generated = generate(args.actions, seed=args.seed, fault_rate=args.fault_rate)
    write_xlsx(generated, args.output)
    if args.txt:
        write_txt(generated, args.txt)
    print(f"{args.output}: {generated.actions} actions, {generated.annual_goals} annual goals, "
          f"{generated.council_goals} council goals, {len(generated.rows)} rows; faults {generated.faults.counts()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
