"""The performance benchmark: our commands against the I/O floor, whole processes, in one run.

For reports of 500, 5,000 and 50,000 actions (``benchmarks/generate.py``, written to
``benchmarks/_work/``) it times whole processes - the median of several runs, the baselines and
ours interleaved round by round so that a busy machine slows both alike - and records each one's
peak memory (``ru_maxrss`` of that one child, from ``os.wait4``):

* baselines: python-calamine raw read of the file; openpyxl ``load_workbook`` + ``save``;
  ``python -c "import xlwings"``;
* ours: ``seuranta-xl validate``, ``seuranta-xl rollup``, ``seuranta-xl run -o``,
  ``python -c "import seuranta_xl.excel.ribbon"``;
* the ribbon path: how many actions one button press records on xlwings' remote engine for a
  500- and a 5,000-action sheet (``XLWINGS_LICENSE_KEY=noncommercial`` is set for that child only).

It prints one table, checks the budgets of issue 6 and writes ``benchmarks/RESULTS.md``.
A command that does not exist (yet) is reported as "not available".

    .venv/bin/python benchmarks/run.py            # full: 15 runs (500, 5k), 3 runs (50k)
    .venv/bin/python benchmarks/run.py --quick    # 3 runs / 1 run, for a look
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / "_work"
PY = sys.executable
CLI = str(Path(PY).with_name("seuranta-xl"))
SIZES = (500, 5_000, 50_000)
SEED = 1

sys.path.insert(0, str(HERE))
import generate  # noqa: E402

CALAMINE_READ = (
    "import sys\n"
    "from python_calamine import CalamineWorkbook\n"
    "wb = CalamineWorkbook.from_path(sys.argv[1])\n"
    "rows = [wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names]\n"
)
OPENPYXL_LOAD_SAVE = (
    "import sys\n"
    "from openpyxl import load_workbook\n"
    "load_workbook(sys.argv[1]).save(sys.argv[2])\n"
)
BUDGETS_TEXT = [
    "validate ≤ 4 × calamine raw read (same file; issue 15)",
    "run -o ≤ 0.7 × openpyxl load + save (same file), peak memory at 50,000 ≤ 0.5 × its (issue 11)",
    "import seuranta_xl.excel.ribbon ≤ 1.5 × import xlwings",
    "engine calls per ribbon action: same for 500 and 5,000 rows, ≤ 30 (the run button; issue 15)",
    "50k/5k: time ratio ≤ 11, memory ratio ≤ 11",
]


@dataclass
class Measure:
    label: str
    argv: list[str] | None  # None: not available
    size: int | None  # None: independent of the report
    ok_codes: tuple[int, ...] = (0,)
    times: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)  # KiB
    error: str | None = None

    @property
    def available(self) -> bool:
        return self.argv is not None and self.error is None

    @property
    def time(self) -> float | None:
        return statistics.median(self.times) if self.times and self.error is None else None

    @property
    def peak(self) -> int | None:
        return int(statistics.median(self.peaks)) if self.peaks and self.error is None else None


TIME = "/usr/bin/time"


def run_child(argv: list[str], env: dict[str, str] | None = None) -> tuple[float, int, int, str]:
    """(wall seconds, peak RSS KiB, exit code, stderr tail) of one child process, measured alone.

    The peak comes from GNU time's ``%M`` when it is installed: a child forked straight from this
    (big) Python process would report the parent's RSS as its own floor in ``ru_maxrss``, while
    GNU time is a small C program. Without it, ``os.wait4``'s rusage of the one child is used.
    """
    use_time = os.access(TIME, os.X_OK)
    peak_file = WORK / ".peak"
    full = [TIME, "-f", "%M", "-o", str(peak_file)] + argv if use_time else argv
    # Installed code runs from cached bytecode; this machine's PYTHONDONTWRITEBYTECODE would make
    # every child compile the package from source instead (tens of milliseconds per start).
    env = {k: v for k, v in (env if env is not None else os.environ).items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    proc = subprocess.Popen(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)
    stderr = proc.stderr.read()  # small: our commands write one line at most on failure
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    proc.stderr.close()
    peak = usage.ru_maxrss
    if use_time:
        lines = peak_file.read_text().split()
        peak = int(lines[-1]) if lines and lines[-1].isdigit() else peak
    return elapsed, peak, proc.returncode, stderr.decode("utf-8", "replace").strip()[-300:]


def cli_has(command: str) -> bool:
    done = subprocess.run([CLI, command, "--help"], capture_output=True, cwd=ROOT)
    return done.returncode == 0


def module_exists(name: str) -> bool:
    done = subprocess.run([PY, "-c", f"import importlib.util, sys; sys.exit(importlib.util.find_spec({name!r}) is None)"],
                          capture_output=True, cwd=ROOT)
    return done.returncode == 0


def report_path(n: int) -> Path:
    return WORK / f"report_{n}.xlsx"


def ensure_reports(sizes: list[int]) -> dict[int, generate.Generated]:
    WORK.mkdir(exist_ok=True)
    made = {}
    for n in sizes:
        gen = generate.generate(n, seed=SEED)
        path = report_path(n)
        stamp = WORK / f"report_{n}.stamp"
        key = f"{n} {SEED} {Path(generate.__file__).stat().st_mtime_ns}"
        if not path.exists() or not stamp.exists() or stamp.read_text() != key:
            generate.write_xlsx(gen, path)
            stamp.write_text(key)
        made[n] = gen
    return made


def build_measures(sizes: list[int]) -> list[Measure]:
    has_run = cli_has("run")
    has_ribbon = module_exists("seuranta_xl.excel.ribbon")
    measures = [
        Measure("import xlwings", [PY, "-c", "import xlwings"], None),
        Measure("import seuranta_xl.excel.ribbon", [PY, "-c", "import seuranta_xl.excel.ribbon"] if has_ribbon else None, None),
    ]
    for n in sizes:
        path = str(report_path(n))
        out = str(WORK / f"out_{n}.xlsx")
        measures += [
            Measure("calamine read", [PY, "-c", CALAMINE_READ, path], n),
            Measure("openpyxl load+save", [PY, "-c", OPENPYXL_LOAD_SAVE, path, str(WORK / f"opx_{n}.xlsx")], n),
            # validate exits 1 when the report has errors (the generated ones do): that is success here
            Measure("seuranta-xl validate", [CLI, "validate", path], n, ok_codes=(0, 1)),
            Measure("seuranta-xl rollup", [CLI, "rollup", path], n, ok_codes=(0, 1)),
            Measure("seuranta-xl run -o", [CLI, "run", path, "-o", out, "--force"] if has_run else None, n,
                    ok_codes=(0, 1)),
        ]
    return measures


def measure_all(measures: list[Measure], runs_small: int, runs_large: int, warmup: bool, log) -> None:
    groups: dict[int | None, list[Measure]] = {}
    for m in measures:
        if m.argv is not None:
            groups.setdefault(m.size, []).append(m)
    for size, group in groups.items():
        runs = runs_large if size and size >= 50_000 else runs_small
        rounds = runs + (1 if warmup and not (size and size >= 50_000) else 0)
        for r in range(rounds):
            # interleave: each round runs every command once, in a rotated order
            order = group[r % len(group):] + group[: r % len(group)]
            for m in order:
                if m.error:
                    continue
                elapsed, peak, code, err = run_child(m.argv)
                if code not in m.ok_codes:
                    m.error = f"exit {code}: {err.splitlines()[-1] if err else ''}"
                    log(f"  {m.label} [{size}]: FAILED {m.error}")
                    continue
                if warmup and rounds > runs and r == 0:
                    continue  # warm-up round: page cache, .pyc files
                m.times.append(elapsed)
                m.peaks.append(peak)
            log(f"  size {size or '-'}: round {r + 1}/{rounds} done")


ENGINE_CALLS = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
sys.path.insert(0, sys.argv[2])
import generate
import xlwings as xw
try:  # the ribbon engineer's payload builder (shaped like the Office.js client's)
    from conftest_remote import payload
except Exception:
    payload = None
import seuranta_xl.excel.ribbon as ribbon

def build(rows):
    if payload is not None:
        return payload(rows)
    width = max(len(r) for r in rows)
    values = [list(r) + [""] * (width - len(r)) for r in rows]
    return {"client": "Office.js", "version": xw.__version__,
            "book": {"name": "Seuranta.xlsx", "active_sheet_index": 0, "selection": "A1"}, "names": [],
            "sheets": [{"name": "Raportti", "values": values, "visibility": "Visible", "pictures": [],
                        "shapes": [], "charts": [], "notes": [], "tables": [], "pivot_tables": [],
                        "show_gridlines": True, "print_area": None}]}

result = {}
for n in map(int, sys.argv[3].split(",")):
    rows = [["" if v is None else v for v in row] for row in generate.generate(n, seed=int(sys.argv[4])).rows]
    for button in ("validate", "dropdowns", "rollup", "highlight", "clear", "run"):
        book = xw.Book(json=build(rows))
        outcome = getattr(ribbon, button)(book)
        actions = book.json()["actions"]
        kinds = {}
        for a in actions:
            kinds[a["func"]] = kinds.get(a["func"], 0) + 1
        result.setdefault(button, {})[str(n)] = {"calls": len(actions), "ok": outcome.ok,
                                                 "message": outcome.message[:160], "kinds": kinds}
print(json.dumps(result))
"""


def engine_calls(sizes: list[int], log) -> dict | str:
    """Recorded remote-engine actions per ribbon button and sheet size, or why not available."""
    if not module_exists("seuranta_xl.excel.ribbon"):
        return "not available (no seuranta_xl.excel.ribbon)"
    env = dict(os.environ, XLWINGS_LICENSE_KEY="noncommercial")  # the remote engine, this child only
    done = subprocess.run([PY, "-c", ENGINE_CALLS, str(HERE), str(ROOT / "tests"), ",".join(map(str, sizes)),
                           str(SEED)], capture_output=True, text=True, env=env, cwd=ROOT)
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-1:] or ["?"]
        log(f"  engine calls: FAILED {tail[0]}")
        return f"not available ({tail[0][:200]})"
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- the report ------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor() or "?"
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
    except OSError:
        pass
    versions = []
    for dist in ("seuranta-xl", "python-calamine", "openpyxl", "xlwings", "pydantic", "pandas", "defusedxml", "lxml"):
        try:
            versions.append(f"{dist} {metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            pass
    commit = git_state()
    load = " ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "Date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "CPU": cpu, "Cores": str(os.cpu_count()), "Memory": mem,
        "OS": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(), "Packages": ", ".join(versions),
        "Commit": commit or "?", "Load average at start": load,
    }


def git_state() -> str:
    """HEAD, and whether the package in the working tree differs from it (the tree's code is measured)."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=ROOT).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "seuranta_xl"],
                               capture_output=True, text=True, cwd=ROOT).stdout.strip()
    except OSError:
        return "?"
    return f"{head}{' + uncommitted changes in seuranta_xl/' if dirty else ''}" if head else "?"


def package_state() -> str:
    """What identifies the measured code: the package's tree in HEAD and its uncommitted diff."""
    try:
        tree = subprocess.run(["git", "rev-parse", "HEAD:seuranta_xl"], capture_output=True, text=True,
                              cwd=ROOT).stdout.strip()
        diff = subprocess.run(["git", "diff", "HEAD", "--", "seuranta_xl"], capture_output=True, text=True,
                              cwd=ROOT).stdout
    except OSError:
        return "?"
    return f"{tree} {hash(diff)}"


def fmt_t(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"


def fmt_m(x: int | None) -> str:
    return "n/a" if x is None else f"{x / 1024:.0f}"


def verdict(value: float | None, limit: float) -> str:
    if value is None:
        return "not available"
    return "PASS" if value <= limit else "FAIL"


def build_report(measures: list[Measure], calls: dict | str, sizes: list[int], runs: str,
                 info: dict[str, str], generated: dict[int, generate.Generated]) -> tuple[str, list[str]]:
    by = {(m.label, m.size): m for m in measures}
    lines = ["## Times and peak memory", "",
             f"Median wall time of whole processes (s) and median peak RSS (MiB); {runs}.", "",
             "| command | " + " | ".join(f"{n:,} actions: s / MiB" for n in sizes) + " |",
             "|---|" + "---|" * len(sizes)]
    labels = ["calamine read", "openpyxl load+save", "seuranta-xl validate", "seuranta-xl rollup",
              "seuranta-xl run -o"]
    for label in labels:
        cells = []
        for n in sizes:
            m = by[(label, n)]
            if not m.argv:
                cells.append("not available")
            elif m.error:
                cells.append(f"failed ({m.error[:60]})")
            else:
                cells.append(f"{fmt_t(m.time)} / {fmt_m(m.peak)}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for label in ("import xlwings", "import seuranta_xl.excel.ribbon"):
        m = by[(label, None)]
        cell = "not available" if not m.argv else f"failed ({m.error[:60]})" if m.error else \
            f"{fmt_t(m.time)} / {fmt_m(m.peak)}"
        lines.append(f"| `python -c \"{label}\"` | " + " | ".join([cell] + ["″"] * (len(sizes) - 1)) + " |")

    budgets = ["", "## Budgets", "", "| budget | measured | limit | verdict |", "|---|---|---|---|"]
    summary = []

    def add(name: str, value: float | None, limit: float, shown: str | None = None) -> None:
        v = verdict(value, limit)
        budgets.append(f"| {name} | {shown or ('n/a' if value is None else f'{value:.2f}')} | ≤ {limit:g} | {v} |")
        summary.append(f"{v:13} {name}: {shown or ('n/a' if value is None else f'{value:.2f}')} (≤ {limit:g})")

    def ratio(a: Measure, b: Measure, attr: str = "time") -> float | None:
        x, y = getattr(a, attr), getattr(b, attr)
        return None if x is None or y is None or y == 0 else x / y

    def shown_only(name: str, value: float | None, limit: float) -> None:
        """A ratio at a size the issues set no budget for: shown, not judged."""
        budgets.append(f"| {name} | {'n/a' if value is None else f'{value:.2f}'} | (≤ {limit:g} at 5,000 and 50,000) | - |")

    # The issues' budgets are at 5,000 and 50,000 actions; a smaller report's ratio is shown only
    # (there, both processes are mostly Python's start and imports).
    for n in sizes:
        judge = add if n >= 5_000 else shown_only
        judge(f"validate / calamine read, {n:,}", ratio(by[("seuranta-xl validate", n)], by[("calamine read", n)]), 4)
        judge(f"run -o / openpyxl load+save, {n:,}",
              ratio(by[("seuranta-xl run -o", n)], by[("openpyxl load+save", n)]), 0.7)
    if 50_000 in sizes:
        add("run -o / openpyxl load+save peak memory, 50,000",
            ratio(by[("seuranta-xl run -o", 50_000)], by[("openpyxl load+save", 50_000)], "peak"), 0.5)
    add("import ribbon / import xlwings",
        ratio(by[("import seuranta_xl.excel.ribbon", None)], by[("import xlwings", None)]), 1.5)
    if 5_000 in sizes and 50_000 in sizes:
        for label in ("seuranta-xl validate", "seuranta-xl rollup", "seuranta-xl run -o"):
            a, b = by[(label, 50_000)], by[(label, 5_000)]
            add(f"{label} 50k/5k time", ratio(a, b), 11)
            add(f"{label} 50k/5k memory", ratio(a, b, "peak"), 11)

    calls_lines = ["", "## Ribbon: engine calls per button press", ""]
    if isinstance(calls, str):
        calls_lines.append(f"Engine calls: {calls}.")
        budgets.append(f"| engine calls per ribbon action | {calls} | same, ≤ 30 | not available |")
        summary.append(f"not available engine calls per ribbon action: {calls}")
    else:
        call_sizes = sorted({int(n) for per in calls.values() for n in per})
        calls_lines += ["Actions recorded by xlwings' remote engine (`book.json()[\"actions\"]`) for one press "
                        "on a generated sheet.", "",
                        "| button | " + " | ".join(f"{n:,} actions" for n in call_sizes) + " | ok | kinds (largest) |",
                        "|---|" + "---|" * (len(call_sizes) + 2)]
        worst = 0
        same = True
        for button, per in calls.items():
            counts = [per[str(n)]["calls"] for n in call_sizes]
            ok = all(per[str(n)]["ok"] for n in call_sizes)
            worst = max(worst, *counts)
            same = same and len(set(counts)) == 1 and ok
            kinds = ", ".join(f"{k} {v}" for k, v in sorted(per[str(call_sizes[-1])]["kinds"].items()))
            calls_lines.append(f"| {button} | " + " | ".join(map(str, counts)) +
                               f" | {'yes' if ok else 'no: ' + per[str(call_sizes[-1])]['message']} | {kinds} |")
        shown = f"max {worst}, {'same' if same else 'NOT the same'} for {' and '.join(f'{n:,}' for n in call_sizes)}"
        add("engine calls per ribbon action", worst if same else float("inf"), 30, shown)

    gen_lines = ["", "## The generated reports", "",
                 "`benchmarks/generate.py N --seed 1` (seed layout, seed-like text lengths, a few per cent of faults):", "",
                 "| actions | rows | annual goals | council goals | file size | faults |", "|---|---|---|---|---|---|"]
    for n in sizes:
        g = generated[n]
        size = report_path(n).stat().st_size / 1024 / 1024
        faults = ", ".join(f"{k} {v}" for k, v in g.faults.counts().items())
        gen_lines.append(f"| {n:,} | {len(g.rows):,} | {g.annual_goals:,} | {g.council_goals} | {size:.1f} MiB | {faults} |")

    head = ["# Benchmark results", "", "Produced by `.venv/bin/python benchmarks/run.py` "
            f"(`{' '.join(['benchmarks/run.py'] + sys.argv[1:])}`); see `benchmarks/README.md`.", "",
            "Why the failing budgets fail (profiles, hot spots, owners): [NOTES.md](NOTES.md).", "",
            "## Machine", ""] + [f"- {k}: {v}" for k, v in info.items()] + [""]
    return "\n".join(head + lines + calls_lines + budgets + gen_lines) + "\n", summary


# --- the package engine (issue 11): the run plan applied by editing the package ------------------
# One section of its own (``--package-engine`` runs only this and updates its heading in RESULTS.md).

PACKAGE_SECTION_START = "<!-- package-engine: written by benchmarks/run.py --package-engine -->"
PACKAGE_SECTION_END = "<!-- /package-engine -->"
PACKAGE_PREPARE = (
    "import sys\n"
    "from seuranta_xl.config import load_settings\n"
    "from seuranta_xl.validate import load_report\n"
    "from seuranta_xl.rollup import compute_rollup\n"
    "from seuranta_xl.write.planners import findings_for, run_plan\n"
    "from seuranta_xl.write.package import Package, read_state\n"
    "src = sys.argv[1]\n"
    "settings = load_settings(src, None, language='fi')\n"
    "report = load_report(src, settings=settings)\n"
    "with Package(src) as pkg:\n"
    "    state = read_state(pkg, report.sheet)\n"
    "plan = run_plan(report, compute_rollup(report), findings_for(report, settings, state), settings, state)\n"
    "import pickle\n"
    "pickle.dump((report.sheet, plan), open(sys.argv[2], 'wb'))\n"
)
# The apply alone: open the package, read the state, apply the (saved) run plan, write OUT.
PACKAGE_APPLY = (
    "import sys\n"
    "import pickle\n"
    "from seuranta_xl.write.package import Package, apply_plan, read_state\n"
    "sheet, plan = pickle.load(open(sys.argv[2], 'rb'))  # the plan is plain data\n"
    "with Package(sys.argv[1]) as pkg:\n"
    "    read_state(pkg, sheet)\n"
    "    apply_plan(pkg, plan, sys.argv[3])\n"
)
# The whole command through the package engine: settings, report, state, findings, plan, apply.
PACKAGE_RUN = (
    "import sys\n"
    "from seuranta_xl.config import load_settings\n"
    "from seuranta_xl.validate import load_report\n"
    "from seuranta_xl.rollup import compute_rollup\n"
    "from seuranta_xl.write.planners import findings_for, run_plan\n"
    "from seuranta_xl.write.package import Package, apply_plan, read_state\n"
    "src = sys.argv[1]\n"
    "settings = load_settings(src, None, language='fi')\n"
    "report = load_report(src, settings=settings)\n"
    "with Package(src) as pkg:\n"
    "    state = read_state(pkg, report.sheet)\n"
    "    plan = run_plan(report, compute_rollup(report), findings_for(report, settings, state), settings, state)\n"
    "    apply_plan(pkg, plan, sys.argv[2])\n"
)


def package_engine_section(sizes: list[int], runs_small: int, runs_large: int, log) -> str:
    """Markdown: the package engine's apply of the run plan (and the whole command through it)
    against openpyxl load+save of the same file, time and peak memory of whole processes."""
    ensure_reports(sizes)
    measures: list[Measure] = []
    for n in sizes:
        path = str(report_path(n))
        plan_file = WORK / f"plan_{n}.json"
        done = subprocess.run([PY, "-c", PACKAGE_PREPARE, path, str(plan_file)], capture_output=True, text=True, cwd=ROOT)
        if done.returncode != 0:
            log(f"  package engine [{n}]: no plan ({(done.stderr.strip().splitlines() or ['?'])[-1]})")
            continue
        measures += [
            Measure("openpyxl load+save", [PY, "-c", OPENPYXL_LOAD_SAVE, path, str(WORK / f"opx_{n}.xlsx")], n),
            Measure("package engine: apply of the run plan", [PY, "-c", PACKAGE_APPLY, path, str(plan_file),
                                                               str(WORK / f"pkg_apply_{n}.xlsx")], n),
            Measure("package engine: whole run command", [PY, "-c", PACKAGE_RUN, path, str(WORK / f"pkg_run_{n}.xlsx")], n),
        ]
    measure_all(measures, runs_small, runs_large, warmup=True, log=log)
    by = {(m.label, m.size): m for m in measures}
    lines = [PACKAGE_SECTION_START, "## Package engine: the run plan applied by editing the package (issue 11)", "",
             f"Produced by `.venv/bin/python benchmarks/run.py --package-engine` on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC "
             f"(commit {git_state()}); median wall time (s) / peak RSS (MiB) of whole processes, "
             f"{runs_small} runs (50k: {runs_large}), after one warm-up run (not for 50k).", "",
             "- *apply of the run plan*: open the package, `read_state`, `apply_plan` of the run plan (computed "
             "beforehand and loaded from JSON), write OUT - the engine's share of `run -o`;",
             "- *whole run command*: settings, report (calamine), `read_state`, findings, `run_plan`, `apply_plan` - "
             "what `run -o` will cost once wired (validation included, not the engine's).", "",
             "| command | " + " | ".join(f"{n:,} actions" for n in sizes) + " |", "|---|" + "---|" * len(sizes)]
    for label in ("openpyxl load+save", "package engine: apply of the run plan", "package engine: whole run command"):
        cells = []
        for n in sizes:
            m = by.get((label, n))
            cells.append("n/a" if m is None or m.time is None else f"{fmt_t(m.time)} / {fmt_m(m.peak)}")
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    lines += ["", "| budget | measured | limit | verdict |", "|---|---|---|---|"]
    for n in sizes:
        base, ours = by.get(("openpyxl load+save", n)), by.get(("package engine: apply of the run plan", n))
        whole = by.get(("package engine: whole run command", n))
        if not (base and ours and base.time and ours.time):
            continue
        t_ratio, m_ratio = ours.time / base.time, ours.peak / base.peak
        lines.append(f"| apply time / openpyxl load+save, {n:,} | {t_ratio:.2f} | ≤ 0.7 | {verdict(t_ratio, 0.7)} |")
        lines.append(f"| apply peak memory / openpyxl load+save, {n:,} | {m_ratio:.2f} | ≤ 0.5 | {verdict(m_ratio, 0.5)} |")
        if whole and whole.time:
            lines.append(f"| whole run command time / openpyxl load+save, {n:,} | {whole.time / base.time:.2f} | (≤ 0.7) | "
                         f"{verdict(whole.time / base.time, 0.7)} |")
            lines.append(f"| whole run command memory / openpyxl load+save, {n:,} | {whole.peak / base.peak:.2f} | (≤ 0.5) | "
                         f"{verdict(whole.peak / base.peak, 0.5)} |")
    return "\n".join(lines + ["", PACKAGE_SECTION_END]) + "\n"


def write_package_section(section: str, path: Path) -> None:
    """Put ``section`` into RESULTS.md in place of an earlier one (or at the end)."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if PACKAGE_SECTION_START in text and PACKAGE_SECTION_END in text:
        head, rest = text.split(PACKAGE_SECTION_START, 1)
        tail = rest.split(PACKAGE_SECTION_END, 1)[1].lstrip("\n")
        text = head + section + ("\n" + tail if tail else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="3 runs for 500/5k, 1 for 50k, no warm-up")
    parser.add_argument("--runs", type=int, help="runs for sizes below 50k (default 15)")
    parser.add_argument("--runs-large", type=int, help="runs for 50k (default 3)")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="comma-separated action counts")
    parser.add_argument("--no-write", action="store_true", help="print only; do not write RESULTS.md")
    parser.add_argument("--output", default=str(HERE / "RESULTS.md"))
    parser.add_argument("--package-engine", action="store_true",
                        help="only the package engine's section (its own heading in RESULTS.md)")
    args = parser.parse_args(argv)
    sizes = sorted(int(s) for s in args.sizes.split(","))
    runs_small = args.runs or (3 if args.quick else 15)
    runs_large = args.runs_large or (1 if args.quick else 3)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if args.package_engine:
        section = package_engine_section([n for n in sizes if n >= 5_000] or sizes, runs_small, runs_large, log)
        print(section)
        if not args.no_write:
            write_package_section(section, Path(args.output))
        return 0

    info = machine()
    start_package = package_state()
    log("generating reports ...")
    generated = ensure_reports(sizes)
    measures = build_measures(sizes)
    for m in measures:
        if m.argv is None:
            log(f"  {m.label}: not available")
    log("timing ...")
    measure_all(measures, runs_small, runs_large, warmup=not args.quick, log=log)
    log("engine calls ...")
    calls = engine_calls([n for n in sizes if n <= 5_000] or sizes[:1], log)
    runs = f"{runs_small} runs" + (f" (50k: {runs_large})" if max(sizes) >= 50_000 else "") + \
        ("" if args.quick else ", after one warm-up run (not for 50k)")
    if package_state() != start_package:  # someone committed or edited the package while this ran
        info["Commit"] += f" at start; {git_state()} at the end (seuranta_xl/ changed during the run)"
    text, summary = build_report(measures, calls, sizes, runs, info, generated)
    # issue 15: start-up, rules in-process, cold click, plot (benchmarks/speed.py)
    import speed
    times = {label: {m.size: m.time for m in measures if m.label == label and m.size} for label in
             ("calamine read", "seuranta-xl validate", "seuranta-xl rollup", "seuranta-xl run -o", "openpyxl load+save")}
    extra, extra_summary = speed.section(times, sizes, {n: report_path(n) for n in sizes}, log)
    text, summary = text + "\n".join(extra) + "\n", summary + extra_summary
    print(text)
    print("\n".join(summary))
    if not args.no_write:
        Path(args.output).write_text(text, encoding="utf-8")
        write_package_section(package_engine_section([n for n in sizes if n >= 5_000] or sizes, runs_small,
                                                     runs_large, log), Path(args.output))
        log(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
