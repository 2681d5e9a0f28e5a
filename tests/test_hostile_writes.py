"""Backups, concurrent writers, temporary files, links and full disks (issue 13, item 5 and 7)."""

from __future__ import annotations

import errno
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import seed_rows, write_rows_xlsx
from seuranta_xl.errors import InputError
from seuranta_xl.files.workbook_io import backup_path, save_output, save_workbook

POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX file semantics")


def cli(*args: object, timeout: float = 60, limit_file_size: int | None = None) -> tuple[int, str, str]:
    def limit() -> None:
        if limit_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    proc = subprocess.run([sys.executable, "-m", "seuranta_xl", *map(str, args)], capture_output=True,
                          timeout=timeout, preexec_fn=limit, env=dict(os.environ, PYTHONIOENCODING="utf-8",
                                                                      PYTHONDONTWRITEBYTECODE="1"))
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), proc.stderr.decode("utf-8", "replace")


def one_line(result: tuple[int, str, str], *needles: str) -> str:
    code, _out, err = result
    assert code == 2, result
    assert len(err.splitlines()) == 1 and "Traceback" not in err and "Exception ignored" not in err, err
    for needle in needles:
        assert needle in err, err
    return err


@pytest.fixture
def report(tmp_path: Path) -> Path:
    return write_rows_xlsx(seed_rows(), tmp_path / "raportti.xlsx")


def test_an_existing_backup_is_never_replaced(report: Path):
    original = report.read_bytes()
    backup_path(report).write_bytes(b"my own backup")
    save_workbook(openpyxl.load_workbook(report), report, in_place=True)
    assert backup_path(report).read_bytes() == b"my own backup"
    assert backup_path(report, 2).name == "raportti.bak-2.xlsx"
    assert backup_path(report, 2).read_bytes() == original
    second = report.read_bytes()
    save_workbook(openpyxl.load_workbook(report), report, in_place=True)
    assert backup_path(report, 3).read_bytes() == second
    assert backup_path(report).read_bytes() == b"my own backup"


@POSIX
def test_a_second_writer_refuses_while_the_first_holds_the_lock(report: Path):
    import fcntl

    before = report.read_bytes()
    lock = report.with_name(f".~seuranta-{report.name}.lock")
    with open(lock, "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        one_line(cli("run", report, "--in-place"), str(report), "toinen seuranta-xl")
    assert report.read_bytes() == before
    assert not backup_path(report).exists()
    code, _out, err = cli("run", report, "--in-place")
    assert code == 0, err
    assert backup_path(report).read_bytes() == before
    assert not lock.exists()


@POSIX
def test_concurrent_in_place_runs_never_lose_the_original(report: Path):
    original = report.read_bytes()
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    for _trial in range(3):
        procs = [subprocess.Popen([sys.executable, "-m", "seuranta_xl", "run", str(report), "--in-place"],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env) for _ in range(2)]
        for proc in procs:
            err = proc.communicate(timeout=120)[1].decode()
            assert proc.returncode in (0, 1) or "toinen seuranta-xl" in err, err
    kept = [p.read_bytes() for p in report.parent.glob("raportti.bak*.xlsx")]
    assert original in kept
    assert not list(report.parent.glob(".~seuranta-*"))


def test_two_writers_of_a_new_output_cannot_both_succeed(report: Path, tmp_path: Path):
    out = tmp_path / "ulos.xlsx"

    def other_writer_wins(fh) -> None:
        out.write_bytes(b"the other run's output")  # appears while we write
        fh.write(b"ours")

    with pytest.raises(InputError, match="--force"):
        save_output(report, out, in_place=False, force=False, write=other_writer_wins)
    assert out.read_bytes() == b"the other run's output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raportti.xlsx", "ulos.xlsx"]


@pytest.mark.parametrize("failure", [OSError(errno.ENOSPC, "No space left on device"), KeyboardInterrupt(),
                                     MemoryError()])
def test_the_temporary_file_goes_on_every_failure(report: Path, tmp_path: Path, failure):
    def write(fh) -> None:
        fh.write(b"x" * 1000)
        raise failure

    out = tmp_path / "ulos.xlsx"
    expected = InputError if isinstance(failure, OSError) else type(failure)
    with pytest.raises(expected):
        save_output(report, out, in_place=False, force=False, write=write)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["raportti.xlsx"]
    # the lock was released: the next write goes through
    save_output(report, out, in_place=False, force=False, write=lambda fh: fh.write(b"ok"))
    assert out.read_bytes() == b"ok"


def test_stale_temporary_files_of_ours_are_removed_on_the_next_run(report: Path, tmp_path: Path):
    stale = tmp_path / f".~seuranta-{report.name}-k9x2.tmp"
    stale.write_bytes(b"left by kill -9" * 1000)
    other = tmp_path / ".~seuranta-toinen.xlsx-k9x2.tmp"  # another target's: maybe in use
    other.write_bytes(b"x")
    save_workbook(openpyxl.load_workbook(report), report, in_place=True)
    assert not stale.exists() and other.exists()


def test_in_place_with_an_output_is_refused(report: Path, tmp_path: Path):
    before = report.read_bytes()
    one_line(cli("run", report, "--in-place", "-o", tmp_path / "ulos.xlsx"), "--in-place", "-o")
    assert report.read_bytes() == before and not (tmp_path / "ulos.xlsx").exists()


@POSIX
def test_in_place_through_a_link_writes_the_target_and_keeps_the_link(report: Path, tmp_path: Path):
    link = tmp_path / "linkki.xlsx"
    link.symlink_to(report)
    before = report.read_bytes()
    code, _out, err = cli("run", link, "--in-place")
    assert code == 0, err
    assert link.is_symlink() and os.readlink(link) == str(report)
    assert report.read_bytes() != before
    assert "Listat" in openpyxl.load_workbook(report).sheetnames
    assert backup_path(report).read_bytes() == before


@POSIX
def test_a_file_size_limit_gives_one_line_and_no_traceback(report: Path, tmp_path: Path):
    result = cli("run", report, "-o", tmp_path / "ulos.xlsx", limit_file_size=16 * 1024)
    one_line(result, "ulos.xlsx")
    assert not list(tmp_path.glob(".~seuranta-*")) and not (tmp_path / "ulos.xlsx").exists()


def test_written_output_is_a_complete_package(report: Path, tmp_path: Path):
    out = save_workbook(openpyxl.load_workbook(report), report, tmp_path / "ulos.xlsx")
    with zipfile.ZipFile(out) as z:
        assert z.testzip() is None


@pytest.mark.parametrize("part", ["[Content_Types].xml", "xl/_rels/workbook.xml.rels"])
def test_a_package_without_a_part_excel_needs_is_refused_in_one_line(report: Path, tmp_path: Path, part: str):
    """calamine reads such a file (validate works on it), but writing would make a package Excel
    calls corrupt: the write commands refuse it, naming the part, and write nothing."""
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(report) as zin, zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename != part:
                zout.writestr(info, zin.read(info.filename))
    out = tmp_path / "out.xlsx"
    status, stdout, stderr = cli("run", broken, "-o", out)
    assert status == 2 and stderr.count("\n") == 1 and "Traceback" not in stderr
    assert str(broken) in stderr and (part in stderr or "vioittunut" in stderr)
    assert not out.exists()
