"""Writes the rule-results regression data of tests/test_rules_golden.py (run by hand, rarely).

``tests/data/generated_report.txt.gz``: a generated report (benchmarks/generate.py) with extra faults
for the text and role rules (copied and pasted progress texts, role spelling variants), and
``tests/data/rules_golden.json``: every finding of every rule on it and on the seed, from the code
of the commit that wrote it. The test compares today's findings with that file, so a change that
alters any rule's results on either report shows up.

    .venv/bin/python benchmarks/golden.py            # rewrite both files (only when a rule is meant to change)
"""

from __future__ import annotations

import gzip
import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "tests" / "data"
sys.path.insert(0, str(HERE))
import generate  # noqa: E402

GENERATED = DATA / "generated_report.txt.gz"
GOLDEN = DATA / "rules_golden.json"


def generated_rows(n_actions: int = 1500, seed: int = 11) -> list[list[object]]:
    """The generated report with copy-paste faults added: T101, T102 and P102 need them."""
    gen = generate.generate(n_actions, seed=seed, fault_rate=0.05)
    rng = random.Random(seed)
    rows = gen.rows
    progress = 6  # column G
    coded = [i for i, r in enumerate(rows) if r[progress] and (r[1] or r[2])]
    for k in range(0, len(coded) - 2, 37):  # a text copied from the row above
        rows[coded[k + 1]][progress] = rows[coded[k]][progress]
    for k in range(5, len(coded) - 2, 41):  # a text pasted together from the next two rows
        rows[coded[k]][progress] = f"{rows[coded[k + 1]][progress]} {rows[coded[k + 2]][progress]}"
    for k in range(11, len(coded) - 2, 53):  # the same text, spacing and case changed
        rows[coded[k + 1]][progress] = "  " + str(rows[coded[k]][progress]).upper()
    variants = ["Sivistysjohtja", "Sivistyjohtaja", "Sivistysjohtajaa", "Kunnanjohtja", "Kunanjohtaja"]
    for k in range(3, len(coded), 29):
        rows[coded[k]][7] = rng.choice(variants)
    # Faults of the hierarchy, placement and consistency rules the generator does not make.
    actions = [i for i, r in enumerate(rows) if r[2] and re.match(r"\d\d\.\d\d\.\d\d ", str(r[2]))]
    for n, i in enumerate(actions[7::97]):
        row, code = rows[i], str(rows[i][2])[:8]
        kind = n % 7
        if kind == 0:  # H101: a copied row whose code was not changed
            rows[i + 1 if i + 1 < len(rows) else i][2] = row[2]
        elif kind == 1:  # H105: single digits
            row[2] = f"{int(code[:2])}.{int(code[3:5])}.{int(code[6:8])} {str(row[2])[9:]}"
        elif kind == 2:  # H106 and C102: the name slipped to the next column
            row[1], row[2] = code, str(row[2])[9:]
        elif kind == 3:  # H102: an annual goal code that does not exist
            row[2] = f"{code[:3]}97{code[5:]}"
        elif kind == 4:  # U103: a status typed by a person
            goal = next(j for j in range(i, 0, -1) if rows[j][1])
            rows[goal][4] = rng.choice([1.5, "hyvä", 4.0, "3,2"])
        elif kind == 5:  # G103: number and label of different grades
            row[5] = f"2 {generate.SCALE[4]}"
        else:  # H104: an action of another annual goal
            row[2] = f"{code[:3]}{int(code[3:5]) + 1:02d}.9{n % 10} {str(row[2])[9:]}"
    return rows


#: Stricter settings for the rules the defaults leave quiet (R104, council goals' G101/R101/R102).
STRICT = {"required": {"council": ["grade", "progress", "responsible"],
                       "annual": ["grade", "progress", "responsible", "risks"],
                       "action": ["grade", "progress", "responsible", "risks", "status"]},
          "mismatch_threshold": 0.5}


def findings(path: Path, **options: object) -> list[list[object]]:
    from seuranta_xl import validate
    from seuranta_xl.settings import Settings

    out = []
    for lang in ("fi", "en"):
        report = validate(path, Settings(language=lang, **options))
        out.append([[f.rule, f.severity, f.sheet, f.row, f.column, f.code, f.message] for f in report.findings])
    fi, en = out
    return [a + [b[-1]] for a, b in zip(fi, en)]


def main() -> int:
    import tempfile

    rows = generated_rows()
    text = "\n".join("\t".join("" if v is None else str(v) for v in r).rstrip("\t") for r in rows) + "\n"
    GENERATED.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    with tempfile.TemporaryDirectory() as tmp:
        plain = Path(tmp) / "generated_report.txt"
        plain.write_text(text, encoding="utf-8")
        golden = {"seed": findings(DATA / "seed_report.txt"), "generated": findings(plain),
                  "seed_strict": findings(DATA / "seed_report.txt", **STRICT)}
    lines = [f"{json.dumps(name)}: [\n" + ",\n".join(json.dumps(f, ensure_ascii=False) for f in found) + "\n]"
             for name, found in golden.items()]
    GOLDEN.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    for name, found in golden.items():
        counts: dict[str, int] = {}
        for f in found:
            counts[f[0]] = counts.get(f[0], 0) + 1
        print(name, len(found), dict(sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
