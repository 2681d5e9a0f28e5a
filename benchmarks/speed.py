"""Speed where people wait (issue 15): start-up, the rules in-process, a cold ribbon click, a plot.

Whole processes are timed from a neutral working directory, interleaved round by round (so that a
busy machine slows every command alike) and summarised by their medians. With ``--before DIR`` (a
source tree of the code to compare, e.g. ``git archive <commit> | tar -x -C DIR``) every measure
also runs on that tree (``PYTHONPATH=DIR``), interleaved with the current code.

    .venv/bin/python benchmarks/speed.py startup [--before DIR] [--runs 15]
    .venv/bin/python benchmarks/speed.py rules [--before DIR] [--sizes 5000,50000]
    .venv/bin/python benchmarks/speed.py rule-ab --before DIR --rule T102 [--sizes 50000] [--runs 5]
    .venv/bin/python benchmarks/speed.py validate-ab [--before DIR] [--sizes 5000,50000] [--runs 11]
    .venv/bin/python benchmarks/speed.py click [--before DIR] [--runs 9]
    .venv/bin/python benchmarks/speed.py collector [--sizes 5000,50000] [--runs 3]

``benchmarks/run.py`` calls :func:`startup`, :func:`rules`, :func:`click` and :func:`plot` for its
issue-15 section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PY = sys.executable
BUNDLED = ROOT / "workbook" / "examples" / "seuranta_1-9_2021.xlsx"
NEUTRAL = tempfile.gettempdir()  # not the repository: `python -c` puts the working directory first on sys.path

CALAMINE = ("import sys\nfrom python_calamine import CalamineWorkbook\nwb = CalamineWorkbook.from_path(sys.argv[1])\n"
            "rows = [wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names]\n")


def _env(tree: str | None, **extra: str) -> dict[str, str]:
    env = dict(os.environ, **extra)
    env.pop("PYTHONPATH", None)
    # An installed package has its bytecode cached; this machine sets PYTHONDONTWRITEBYTECODE, which
    # would make every start compile the package from source (~40-60 ms) and measure that instead.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if tree:
        env["PYTHONPATH"] = tree
    return env


def _time(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, cwd=NEUTRAL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise RuntimeError(f"{argv[:4]}: exit {done.returncode}: {done.stderr.decode()[-300:]}")
    return elapsed


def interleaved(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, warmup: bool = True) -> dict[str, float]:
    """Median wall seconds of each whole process; each round runs every command once, rotated."""
    times: dict[str, list[float]] = {k: [] for k in commands}
    names = list(commands)
    for r in range(runs + (1 if warmup else 0)):
        order = names[r % len(names):] + names[: r % len(names)]
        for name in order:
            elapsed = _time(*commands[name])
            if not (warmup and r == 0):
                times[name].append(elapsed)
    return {k: statistics.median(v) for k, v in times.items()}


def _own_tree() -> str | None:
    """This checkout, when the interpreter would import another one (a git worktree that shares the
    main checkout's venv and its editable install): the code measured as "now" is the code beside
    this script. None when the install is this checkout."""
    # Asked of a child with the children's environment (no PYTHONPATH): with PYTHONPATH set to this
    # checkout, this process would find itself and take the install for this checkout.
    done = subprocess.run([PY, "-c", "import importlib.util as u; s = u.find_spec('seuranta_xl'); print(s.origin if s else '')"],
                          env=_env(None), cwd=NEUTRAL, capture_output=True, text=True)
    origin = done.stdout.strip()
    installed = Path(origin).resolve().parent.parent if origin else None
    return None if installed == ROOT else str(ROOT)


def _trees(before: str | None) -> dict[str, str | None]:
    own = _own_tree()
    return {"after": own, "before": before} if before else {"now": own}


# --- start-up: import and validate on the bundled report ---------------------------------------

def startup(before: str | None = None, runs: int = 15) -> dict[str, float]:
    """python -c pass, a calamine read of the bundled workbook, and per code tree: import seuranta_xl
    and ``seuranta-xl validate`` on the bundled workbook (whole processes, medians)."""
    commands = {"python -c pass": ([PY, "-c", "pass"], _env(None)),
                "calamine read (bundled)": ([PY, "-c", CALAMINE, str(BUNDLED)], _env(None)),
                # what the settings model alone costs at start-up (pydantic and the model class)
                "import seuranta_xl.settings": ([PY, "-c", "import seuranta_xl.settings"], _env(None))}
    for tag, tree in _trees(before).items():
        commands[f"import seuranta_xl [{tag}]"] = ([PY, "-c", "import seuranta_xl"], _env(tree))
        commands[f"validate bundled [{tag}]"] = ([PY, "-m", "seuranta_xl", "validate", str(BUNDLED)], _env(tree))
    return interleaved(commands, runs)


def import_profile(top: int = 12) -> list[tuple[str, float]]:
    """The heaviest cumulative imports of ``seuranta-xl validate`` on the bundled workbook (-X importtime)."""
    done = subprocess.run([PY, "-X", "importtime", "-m", "seuranta_xl", "validate", str(BUNDLED)],
                          cwd=NEUTRAL, env=_env(None), capture_output=True, text=True)
    rows = []
    for line in done.stderr.splitlines():
        parts = line.split("|")
        if len(parts) == 3 and parts[1].strip().isdigit():
            rows.append((parts[2].rstrip(), int(parts[1]) / 1e6))
    outer = [(name.strip(), s) for name, s in rows if name.startswith(" ") and not name.startswith("   ")
             or not name.startswith(" ")]
    return sorted(outer, key=lambda r: -r[1])[:top]


# --- the rules in-process -------------------------------------------------------------------

RULES_CHILD = r"""
import gc, json, sys, time
from seuranta_xl.validate import load_report, check, selected_rules
from seuranta_xl.settings import Settings
path, runs = sys.argv[1], int(sys.argv[2])
settings = Settings()
report = load_report(path, settings=settings)
wall, cpu = [], []
for _ in range(runs):
    gc.collect()
    w, c = time.perf_counter(), time.process_time()
    found = check(report, settings)
    wall.append(time.perf_counter() - w); cpu.append(time.process_time() - c)
per = {}
try:  # the per-run context (after issue 15)
    from seuranta_xl.rules import RunContext
    context = RunContext(report, settings)
    run = lambda rule: list(rule.check(context))
except ImportError:
    run = lambda rule: list(rule.check(report, settings))
gc.disable()  # as inside check(), which holds the collector
for rule in selected_rules(settings):
    c = time.process_time(); run(rule); per[rule.code] = time.process_time() - c
gc.enable()
wall.sort(); cpu.sort()
print(json.dumps({"wall": wall[len(wall) // 2], "cpu": cpu[len(cpu) // 2], "findings": len(found),
                  "actions": len(report.actions), "per_rule_cpu": per}))
"""


def rules(paths: dict[int, Path], before: str | None = None, runs: int = 3) -> dict[str, dict[int, dict]]:
    """check() of all rules in-process, per size and code tree: median wall and CPU seconds (CPU is
    steadier on a shared machine), and each rule's CPU time on one run context."""
    out: dict[str, dict[int, dict]] = {}
    for n, path in paths.items():
        for tag, tree in _trees(before).items():
            done = subprocess.run([PY, "-c", RULES_CHILD, str(path), str(runs)], env=_env(tree), cwd=NEUTRAL,
                                  capture_output=True, text=True, check=True)
            out.setdefault(tag, {})[n] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


RULE_AB_CHILD = r"""
import gc, importlib.util, json, statistics, sys, time
from seuranta_xl.rules import RULES, RunContext
from seuranta_xl.settings import Settings
from seuranta_xl.validate import load_report
path, before, code, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
new = RULES[code]
module = new.check.__module__
saved = dict(RULES)
for key in [k for k, r in RULES.items() if r.check.__module__ == module]:
    del RULES[key]  # the old module registers the same codes again
spec = importlib.util.spec_from_file_location(module + "_before", before + "/" + module.replace(".", "/") + ".py")
old_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(old_module)
old = RULES[code]
RULES.clear(); RULES.update(saved)
report, settings = load_report(path, settings=Settings()), Settings()
times = {"before": [], "now": []}
gc.disable()
for _ in range(runs):
    for tag, rule in (("before", old), ("now", new)):
        context = RunContext(report, settings)
        for shared in RULES.values():  # what the rule shares with the others is made beforehand
            if shared.code != code and shared.check.__module__ == module:
                list(shared.check(context))
        start = time.process_time()
        hits = list(rule.check(context))
        times[tag].append(time.process_time() - start)
print(json.dumps({tag: statistics.median(t) for tag, t in times.items()} | {"hits": len(hits)}))
"""


def rule_ab(paths: dict[int, Path], before: str, code: str, runs: int = 5) -> dict[int, dict]:
    """One rule's CPU time, the code in ``before`` against the current code, alternating in one
    process on the same report (steadier than separate processes on a shared machine); each run on
    a fresh run context, with what the rule shares with its module's other rules made first."""
    out = {}
    for n, path in paths.items():
        done = subprocess.run([PY, "-c", RULE_AB_CHILD, str(path), before, code, str(runs)], env=_env(_own_tree()),
                              cwd=NEUTRAL, capture_output=True, text=True, check=True)
        out[n] = json.loads(done.stdout.strip().splitlines()[-1])
    return out


# --- whole validate processes against the calamine read, wall and CPU -------------------------

def _cpu_time(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process; CPU is its user + system time (``os.wait4``)."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=NEUTRAL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"{argv[:4]}: exit {os.waitstatus_to_exitcode(status)}")
    return wall, usage.ru_utime + usage.ru_stime


def validate_ab(paths: dict[int, Path], before: str | None = None, runs: int = 11) -> dict[int, dict]:
    """``seuranta-xl validate`` as a whole process per code tree and python-calamine's own read of the
    same file, interleaved round by round (one discarded warm-up round): per size and command the
    median wall and CPU seconds, and validate's ratios to the read (the issue-15 budget: ≤ 4). CPU
    time is steadier than wall time on a shared machine."""
    out = {}
    for n, path in paths.items():
        commands = {"calamine read": ([PY, "-c", CALAMINE, str(path)], _env(None))}
        for tag, tree in _trees(before).items():
            commands[f"validate [{tag}]"] = ([PY, "-m", "seuranta_xl", "validate", str(path)], _env(tree))
        names = list(commands)
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in names}
        for r in range(runs + 1):
            for name in names[r % len(names):] + names[: r % len(names)]:
                measured = _cpu_time(*commands[name])
                if r:
                    times[name].append(measured)
        medians = {k: {"wall": statistics.median(w for w, _ in v), "cpu": statistics.median(c for _, c in v)}
                   for k, v in times.items()}
        read = medians["calamine read"]
        for name, m in medians.items():
            m["ratio wall"], m["ratio cpu"] = m["wall"] / read["wall"], m["cpu"] / read["cpu"]
        out[n] = medians
    return out


# --- a cold ribbon click, Python side (xlwings' remote engine) ------------------------------

CLICK_CHILD = r"""
import sys, time, json
start = time.perf_counter()
if sys.argv[2] in ("no-pandas", "no-numpy"):
    sys.modules["pandas"] = None  # as if pandas were not installed: xlwings then skips it
if sys.argv[2] == "no-numpy":
    sys.modules["numpy"] = None
import xlwings as xw
t_xlwings = time.perf_counter()
import seuranta_xl.excel.ribbon as ribbon
t_ribbon = time.perf_counter()
payload = json.loads(open(sys.argv[1], encoding="utf-8").read())
outcome = ribbon.validate(xw.Book(json=payload))
end = time.perf_counter()
assert outcome.ok, outcome.message
print(json.dumps({"import xlwings": t_xlwings - start, "import ribbon": t_ribbon - t_xlwings,
                  "press": end - t_ribbon, "pandas imported": bool(sys.modules.get("pandas")),
                  "numpy imported": "numpy" in sys.modules}))
"""


def bundled_payload(path: Path = BUNDLED) -> dict[str, Any]:
    """The bundled workbook's sheets as the Office.js client sends them (values, empty cells as "")."""
    from python_calamine import CalamineWorkbook
    import xlwings as xw

    wb = CalamineWorkbook.from_path(str(path))
    sheets = []
    for name in wb.sheet_names:
        rows = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        width = max((len(r) for r in rows), default=0)
        values = [["" if v is None else v for v in r] + [""] * (width - len(r)) for r in rows] or [[]]
        sheets.append({"name": name, "values": values, "visibility": "Visible", "pictures": [], "shapes": [],
                       "charts": [], "notes": [], "tables": [], "pivot_tables": [], "show_gridlines": True,
                       "print_area": None})
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": path.name, "active_sheet_index": 0, "selection": "A1"}, "names": [], "sheets": sheets}


#: With pandas installed; as if pandas were not installed; as if neither pandas nor numpy were.
CLICK_MODES = ("pandas", "no-pandas", "no-numpy")


def click(before: str | None = None, runs: int = 9, python: str | None = None,
          modes: tuple[str, ...] = CLICK_MODES) -> dict[str, Any]:
    """The Tarkista button on the bundled workbook through xlwings' remote engine, as a fresh process:
    whole-process medians with pandas installed and with pandas hidden, per code tree, and where the
    time of one run goes (import xlwings, import the ribbon, the press). ``python``: the interpreter of
    another environment to click in (e.g. a plain ``pip install seuranta-xl``, as staff have it:
    no pandas, no numpy) instead of this one."""
    py = python or PY
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(bundled_payload(), f, default=str)
    key = {"XLWINGS_LICENSE_KEY": "noncommercial"}  # the remote engine, for these children only
    commands = {"python -c pass": ([PY, "-c", "pass"], _env(None))}
    for tag, tree in _trees(before).items():
        for mode in modes:
            commands[f"click [{tag}, {mode}]"] = ([py, "-c", CLICK_CHILD, f.name, mode], _env(tree, **key))
    medians = interleaved(commands, runs)
    parts = {}
    for tag, tree in _trees(before).items():
        for mode in modes:
            done = subprocess.run([py, "-c", CLICK_CHILD, f.name, mode], env=_env(tree, **key), cwd=NEUTRAL,
                                  capture_output=True, text=True, check=True)
            parts[f"{tag}, {mode}"] = json.loads(done.stdout.strip().splitlines()[-1])
    os.unlink(f.name)
    return {"medians": medians, "one run": parts}


def plain_install(where: Path = HERE / "_work" / "plain-venv") -> str:
    """The interpreter of a plain ``pip install`` of this tree (no extras: no pandas, no numpy), as
    staff get it: made once (needs the package index), then the package reinstalled from this tree
    on every call so that the click measured is the current code's."""
    python = where / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(where)], check=True, capture_output=True)
        subprocess.run(pip + [str(ROOT)], check=True, capture_output=True)
    else:
        subprocess.run(pip + ["--force-reinstall", "--no-deps", str(ROOT)], check=True, capture_output=True)
    return str(python)


# --- the plot ---------------------------------------------------------------------------------

#: The floors: a raw read (validate, rollup) and openpyxl's load + save (run -o).
FLOORS = ("calamine read", "openpyxl load+save")


def plot(times: dict[str, dict[int, float]], path: Path, floors: tuple[str, ...] = FLOORS) -> Path:
    """Time against report size for each command (log-log), the floors dashed."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7, 4.5), dpi=110)
    for label, by_size in times.items():
        sizes = sorted(n for n, t in by_size.items() if t is not None)
        style = dict(linestyle="--") if label in floors else dict(marker="o")
        ax.plot(sizes, [by_size[n] for n in sizes], label=label, **style)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("actions in the report")
    ax.set_ylabel("seconds, whole process (median)")
    ax.set_title("Time against report size (dashed: the floors)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["startup", "rules", "rule-ab", "validate-ab", "click", "imports", "collector"])
    parser.add_argument("--rule", default="T102", help="rule-ab: the rule's code")
    parser.add_argument("--before", help="a source tree of the code to compare with (PYTHONPATH)")
    parser.add_argument("--runs", type=int)
    parser.add_argument("--python", help="click: the interpreter of another environment (a plain install)")
    parser.add_argument("--sizes", default="5000,50000")
    args = parser.parse_args(argv)
    if args.what == "startup":
        result: Any = startup(args.before, args.runs or 15)
    elif args.what == "imports":
        result = import_profile()
    elif args.what == "click":
        result = click(args.before, args.runs or 9, args.python)
    else:  # rules, collector: on generated reports
        sys.path.insert(0, str(HERE))
        import generate

        paths = {}
        for n in map(int, args.sizes.split(",")):
            path = HERE / "_work" / f"report_{n}.xlsx"
            if not path.exists():
                path.parent.mkdir(exist_ok=True)
                generate.write_xlsx(generate.generate(n, seed=1), path)
            paths[n] = path
        if args.what == "rule-ab":
            if not args.before:
                parser.error("rule-ab needs --before DIR")
            result = rule_ab(paths, args.before, args.rule, args.runs or 5)
        elif args.what == "rules":
            result = rules(paths, args.before, args.runs or 3)
        elif args.what == "validate-ab":
            result = validate_ab(paths, args.before, args.runs or 11)
        else:
            result = collector_policy(paths, args.runs or 3)
    print(json.dumps(result, indent=2, default=str))
    return 0



# --- the issue-15 section of RESULTS.md (called by run.py) ------------------------------------

PLOT = HERE / "times.png"


def section(times: dict[str, dict[int, float | None]], sizes: list[int], paths: dict[int, Path], log,
            runs: int = 15) -> tuple[list[str], list[str]]:
    """Measure start-up, the rules in-process and a cold click; plot ``times`` (label → size →
    median whole-process seconds, from run.py's measures); return (markdown lines, budget lines)."""
    lines = ["", "## Speed where people wait (issue 15)", ""]
    budgets: list[str] = []

    def budget(name: str, value: float | None, limit: float, unit: str = "") -> None:
        verdict = "not available" if value is None else "PASS" if value <= limit else "FAIL"
        shown = "n/a" if value is None else f"{value:.2f}{unit}"
        lines.append(f"| {name} | {shown} | ≤ {limit:g}{unit} | {verdict} |")
        budgets.append(f"{verdict:13} {name}: {shown} (≤ {limit:g}{unit})")

    log("issue 15: start-up ...")
    start = startup(None, runs)
    log("issue 15: rules in-process ...")
    big = {n: p for n, p in paths.items() if n >= 5_000}
    in_process = rules(big, None, 3)["now"] if big else {}
    log("issue 15: cold ribbon click ...")
    try:
        clicks: dict[str, Any] | None = click(None, max(5, runs // 3))
    except (subprocess.CalledProcessError, RuntimeError, ImportError) as exc:
        clicks, click_error = None, str(exc).splitlines()[0][:200]
    log("issue 15: cold ribbon click in a plain install ...")
    try:
        plain: dict[str, Any] | None = click(None, max(5, runs // 3), plain_install(), ("pandas",))
    except (subprocess.CalledProcessError, RuntimeError, ImportError, OSError) as exc:
        plain, plain_error = None, str(exc).splitlines()[0][:200]
    plot(times, PLOT)

    lines += [f"Whole processes started from a neutral directory, medians of {runs} interleaved runs "
              "(`benchmarks/speed.py startup`):", "", "| process | s |", "|---|---|"]
    lines += [f"| {name} | {t:.3f} |" for name, t in start.items()]
    lines += ["", "The rules in-process (`validate.check`, all rules, one report; median of 3; CPU time is "
              "steadier on a shared machine; `benchmarks/speed.py rules`):", "",
              "| actions | wall s | CPU s | findings | slowest rules (CPU s) |", "|---|---|---|---|---|"]
    for n, r in sorted(in_process.items()):
        slow = ", ".join(f"{k} {v:.2f}" for k, v in sorted(r["per_rule_cpu"].items(), key=lambda kv: -kv[1])[:4])
        lines.append(f"| {n:,} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['findings']:,} | {slow} |")
    if clicks is not None:
        lines += ["", "A cold click of Tarkista on the bundled workbook, Python side, through xlwings' remote "
                  "engine (`benchmarks/speed.py click`; Excel's own round trip and the UDF server cannot be "
                  "measured on Linux). Whole-process medians, and one run's parts:", "",
                  "| process | s |", "|---|---|"]
        lines += [f"| {name} | {t:.3f} |" for name, t in clicks["medians"].items()]
        lines += ["", "| run | import xlwings | import ribbon | press | pandas imported | numpy imported |",
                  "|---|---|---|---|---|---|"]
        for name, p in clicks["one run"].items():
            lines.append(f"| {name} | {p['import xlwings']:.3f} | {p['import ribbon']:.3f} | {p['press']:.3f} | "
                         f"{p['pandas imported']} | {p['numpy imported']} |")
    else:
        lines += ["", f"Cold click: not available ({click_error})."]
    if plain is not None:
        part = plain["one run"]["now, pandas"]
        lines += ["", "The same click in a plain install, as staff get it (`pip install seuranta-xl` into a fresh "
                  "venv, `benchmarks/_work/plain-venv`: no pandas, no numpy; `speed.plain_install`): median "
                  f"{plain['medians']['click [now, pandas]']:.3f} s (`python -c pass` "
                  f"{plain['medians']['python -c pass']:.3f} s); one run: import xlwings "
                  f"{part['import xlwings']:.3f} s, import ribbon {part['import ribbon']:.3f} s, press "
                  f"{part['press']:.3f} s, pandas imported: {part['pandas imported']}."]
    else:
        lines += ["", f"Cold click in a plain install: not available ({plain_error})."]
    lines += ["", "The click budget is about the environment staff get; in this benchmark's own "
              "environment (the dev extra) pandas and numpy are installed and xlwings imports them."]
    lines += ["", f"![time against size]({PLOT.name})", "",
              "| budget | measured | limit | verdict |", "|---|---|---|---|"]
    budget("validate, bundled report, whole process", start.get("validate bundled [now]"), 0.20, " s")
    for n in sizes:
        v, c = times.get("seuranta-xl validate", {}).get(n), times.get("calamine read", {}).get(n)
        if n >= 5_000:
            budget(f"validate / calamine read, {n:,}", v / c if v and c else None, 4)
    for n, r in sorted(in_process.items()):
        if n >= 50_000:
            budget(f"all rules in-process, {n:,} (wall)", r["wall"], 2, " s")
            budget(f"all rules in-process, {n:,} (CPU)", r["cpu"], 2, " s")
    if plain is not None:
        budget("cold click, Python side, plain install (what staff get: no pandas, no numpy)",
               plain["medians"].get("click [now, pandas]"), 0.5, " s")
    if clicks is not None:
        # Not the budget's environment: the dev extra installs pandas for the Python API's
        # DataFrames, and xlwings imports pandas (and numpy) whenever they are installed.
        for name, key in (("pandas installed", "click [now, pandas]"), ("numpy, no pandas", "click [now, no-pandas]")):
            value = clicks["medians"].get(key)
            shown = "n/a" if value is None else f"{value:.2f} s"
            lines.append(f"| cold click, Python side, this benchmark's dev environment ({name}) | {shown} | "
                         "for reference | not staff's environment |")
    return lines, budgets


# --- the collector policy ---------------------------------------------------------------------

POLICY_CHILD = r"""
import contextlib, sys
if sys.argv[1] == "collector-on":  # the policy switched off: the collector runs as Python's default
    import seuranta_xl.collector as collector
    collector.held = contextlib.nullcontext
from seuranta_xl.cli import main
code = main(sys.argv[2:])
sys.exit(code if code in (0, 1) else code)
"""


def collector_policy(paths: dict[int, Path], runs: int = 3) -> dict[str, float]:
    """Whole-process medians of commands with the collector held (the policy) and with it running,
    interleaved: ``validate`` and ``run -o`` per size."""
    commands = {}
    for n, path in paths.items():
        out = Path(tempfile.gettempdir()) / f"seuranta_policy_{n}.xlsx"
        for mode in ("held", "collector-on"):
            commands[f"validate {n:,} [{mode}]"] = ([PY, "-c", POLICY_CHILD, mode, "validate", str(path)], _env(None))
            commands[f"run -o {n:,} [{mode}]"] = ([PY, "-c", POLICY_CHILD, mode, "run", str(path), "-o", str(out),
                                                  "--force"], _env(None))
    return interleaved(commands, runs, warmup=False)


if __name__ == "__main__":
    raise SystemExit(main())
