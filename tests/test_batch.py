"""`seuranta-xl validate DIR` and several files: broken ones are reported in one line, the rest processed."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEED_TXT, seed_rows, write_rows_xlsx
from seuranta_xl.batch import is_skipped, plan_inputs, reports_in, validate_many
from seuranta_xl.settings import Settings

EXE = Path(sys.executable).with_name("seuranta-xl")


def error_report(path: Path) -> Path:
    """The seed with every grade 3 typed as 9: a report with error findings (invalid grades)."""
    rows = seed_rows()
    for row in rows:
        for i, value in enumerate(row):
            if value.startswith("3 Toteutus"):
                row[i] = "9"
    path.write_text("\n".join("\t".join(r) for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two good reports, one with errors, one truncated workbook, plus files a batch must leave alone."""
    d = tmp_path / "raportit"
    d.mkdir()
    good = write_rows_xlsx(seed_rows(), d / "a_hyva.xlsx")
    (d / "b_hyva.txt").write_bytes(SEED_TXT.read_bytes())
    error_report(d / "c_virheita.tsv")
    data = good.read_bytes()
    (d / "d_rikki.xlsx").write_bytes(data[: len(data) // 3])
    # not reports: Excel's lock file, a backup copy, a LibreOffice lock, other formats, a subfolder
    (d / "~$a_hyva.xlsx").write_bytes(b"\x05Maija" + b"\x00" * 160)
    (d / "a_hyva.bak.xlsx").write_bytes(data)
    (d / ".~lock.a_hyva.xlsx#").write_text("Maija,host,01.01.2024 10:00;")
    (d / "kuva.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (d / "vanhat").mkdir()
    (d / "vanhat" / "e.xlsx").write_bytes(b"not even a zip")
    return d


def test_folder_lists_only_reports(folder):
    assert [p.name for p in reports_in(folder)] == ["a_hyva.xlsx", "b_hyva.txt", "c_virheita.tsv", "d_rikki.xlsx"]
    assert is_skipped("~$raportti.xlsx") and is_skipped("raportti.backup-2024-05-01.xlsx")
    assert is_skipped("raportti.xlsx~") and not is_skipped("raportti 2024.xlsx")
    assert not is_skipped("Talousjohtaja.raportti.xlsx")


def test_batch_on_a_folder_text(folder, run_cli):
    code, out, err = run_cli("validate", folder)
    assert code == 2  # worst outcome: an unusable file
    lines = err.splitlines()
    assert len(lines) == 2 and "d_rikki.xlsx" in lines[0] and "vioittunut" in lines[0]
    assert "ei luettu" in lines[1] and "kuva.png" in lines[1]  # files not read are named, not hidden
    assert "Traceback" not in err
    for name in ("a_hyva.xlsx", "b_hyva.txt", "c_virheita.tsv"):
        assert name in out
    assert "d_rikki" not in out and "~$" not in out and "bak" not in out and "vanhat" not in out
    assert out.rstrip().splitlines()[-1] == "4 tiedostoa: 2 ilman virheitä, 1 virheellistä, 1 käyttökelvotonta"


def test_batch_json_shape(folder, run_cli):
    code, out, err = run_cli("validate", folder, "--format", "json")
    assert code == 2
    payload = json.loads(out)
    assert payload["counts"] == {"files": 4, "ok": 2, "with_errors": 1, "unusable": 1}
    by_name = {Path(r["source"]).name: r for r in payload["reports"]}
    assert list(by_name) == ["a_hyva.xlsx", "b_hyva.txt", "c_virheita.tsv", "d_rikki.xlsx"]
    assert "vioittunut" in by_name["d_rikki.xlsx"]["error"] and "findings" not in by_name["d_rikki.xlsx"]
    assert by_name["c_virheita.tsv"]["counts"]["errors"] > 0
    assert by_name["a_hyva.xlsx"]["counts"]["errors"] == 0
    # each report entry is exactly what `validate FILE --format json` prints for that file
    _, single, _ = run_cli("validate", folder / "b_hyva.txt", "--format", "json")
    assert by_name["b_hyva.txt"] == json.loads(single)


def test_single_file_contract_unchanged(run_cli):
    code, out, err = run_cli("validate", SEED_TXT, "--format", "json")
    payload = json.loads(out)
    assert code == 0 and err == ""
    assert "reports" not in payload and isinstance(payload["findings"], list) and "errors" in payload["counts"]


def test_several_files_exit_codes(tmp_path, run_cli):
    good = tmp_path / "hyva.txt"
    good.write_bytes(SEED_TXT.read_bytes())
    bad = error_report(tmp_path / "virheita.txt")
    code, out, err = run_cli("validate", good, good)
    assert code == 0 and err == ""
    code, out, err = run_cli("validate", good, bad, "--format", "csv")
    assert code == 1 and err == ""
    header, *records = out.splitlines()
    assert header == "source,rule,severity,sheet,row,column,code,message"
    assert {r.split(",")[0] for r in records} == {str(bad), str(good)}  # the seed has warnings too
    missing = tmp_path / "puuttuu.xlsx"
    code, out, err = run_cli("validate", good, missing, bad)
    assert code == 2
    assert err.splitlines() == [f"seuranta-xl: {missing}: tiedostoa ei löydy"]
    assert str(good) in out and str(bad) in out


def test_empty_folder(tmp_path, run_cli):
    empty = tmp_path / "tyhja"
    empty.mkdir()
    (empty / "~$lukko.xlsx").write_bytes(b"x")
    code, out, err = run_cli("validate", empty)
    assert code == 2
    assert err.splitlines() == [f"seuranta-xl: {empty}: kansiossa ei ole raportteja (.xlsx, .xlsm, .txt, .tsv, .csv)"]


def test_library_keeps_going_and_reports_progress(folder):
    seen = []
    batch = validate_many([folder], lambda p: Settings(), progress=lambda i, n, p: seen.append((i, n, p.name)))
    assert seen == [(1, 4, "a_hyva.xlsx"), (2, 4, "b_hyva.txt"), (3, 4, "c_virheita.tsv"), (4, 4, "d_rikki.xlsx")]
    assert [r.outcome for r in batch.results] == ["ok", "ok", "errors", "unusable"]
    assert batch.results[1].report.counts()["actions"] == 39
    assert batch.exit_code == 2
    assert plan_inputs([folder / "nope"])[0].error is None  # reported when its turn comes


def test_bad_settings_file_is_one_files_problem(tmp_path, run_cli):
    good_dir, bad_dir = tmp_path / "a", tmp_path / "b"
    good_dir.mkdir(), bad_dir.mkdir()
    (good_dir / "r.txt").write_bytes(SEED_TXT.read_bytes())
    (bad_dir / "r.txt").write_bytes(SEED_TXT.read_bytes())
    (bad_dir / "seuranta.toml").write_text("[limits]\nmax_cells = 'paljon'\n", encoding="utf-8")
    code, out, err = run_cli("validate", good_dir, bad_dir)
    assert code == 2
    assert len(err.splitlines()) == 1 and "max_cells" in err
    assert str(good_dir / "r.txt") in out


def _run_with_stderr(args: list[str], tty: bool) -> tuple[int, bytes, bytes]:
    if not tty:
        done = subprocess.run([str(EXE), *args], capture_output=True)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen([str(EXE), *args], stdout=subprocess.PIPE, stderr=slave)
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        out = proc.stdout.read()
        code = proc.wait()
    finally:
        os.close(master)
    return code, out, b"".join(chunks)


def test_progress_only_on_a_terminal(folder):
    code, out, err = _run_with_stderr(["validate", str(folder)], tty=True)
    assert code == 2
    assert b"[1/4] a_hyva.xlsx" in err and b"[4/4] d_rikki.xlsx" in err and b"\r" in err
    assert b"[1/4]" not in out
    code, out, err = _run_with_stderr(["validate", str(folder)], tty=False)
    assert code == 2
    assert b"[1/4]" not in err and b"\r" not in err
    assert len(err.decode("utf-8").splitlines()) == 2  # the broken file, and the files not read


def test_a_folder_names_every_file_it_does_not_read_and_recurses_on_request(tmp_path, run_cli):
    from conftest import seed_rows, write_rows_xlsx

    folder = tmp_path / "raportit"
    (folder / "2026" / "kevät").mkdir(parents=True)
    write_rows_xlsx(seed_rows(), folder / "a.xlsx")
    write_rows_xlsx(seed_rows(), folder / "2026" / "kevät" / "b.xlsx")
    (folder / "vanha.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "muistio.pdf").write_bytes(b"%PDF-1.4")
    (folder / "~$a.xlsx").write_bytes(b"lock")
    code, out, err = run_cli("validate", folder, "--format", "json")
    import json

    sources = [r.get("source") for r in json.loads(out)["reports"]]
    assert [Path(s).name for s in sources] == ["a.xlsx", "vanha.xls"]
    assert code == 2  # the .xls is refused with its reason, named
    lines = err.strip().splitlines()
    assert any("vanha.xls" in line and ".xls" in line for line in lines)
    assert any("muistio.pdf" in line and "ei luettu" in line for line in lines)
    assert not any("~$a.xlsx" in line for line in lines)
    code, out, err = run_cli("validate", folder, "-r", "--format", "json")
    names = [Path(r.get("source")).name for r in json.loads(out)["reports"]]
    assert names == ["b.xlsx", "a.xlsx", "vanha.xls"]  # in path order: 2026/kevät/b.xlsx first
