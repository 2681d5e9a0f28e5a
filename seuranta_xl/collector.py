"""The cycle-collector policy: held while a command works, restored afterwards.

A command builds tens of thousands of acyclic objects (rows, items, findings, openpyxl cells);
each automatic full collection re-scans everything alive - the grid, the report, the workbook -
which made parsing, the rules and writing superlinear on big reports (issue 15: validate at
50,000 actions 11.2 -> 9.7 s, run -o 38.5 -> 30.2 s with the collector held; memory unchanged,
since the work makes next to no cyclic garbage). One policy: the CLI holds it around a command
(``cli.main``), the ribbon around a button press, the core around its own bulk building (so that
library callers get the same). Nested holds are free; the outermost one restores the state.
"""

from __future__ import annotations

import functools
import gc
import sys
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def held() -> Iterator[None]:
    """Hold the cycle collector for the work inside; its previous state is restored, whatever happens."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def give_back() -> None:
    """Return the C heap's free memory to the system after a big transient structure is gone.

    python-calamine builds a sheet's whole cell range in Rust (≈ 50 MB at 50,000 actions) and the
    rules their word triples; once freed, glibc keeps those pages, and Python's own small objects
    (allocated in separate arenas) never reuse them, so they would stay in the process's memory to
    the end and add to its peak. ``malloc_trim`` hands them back (glibc only; elsewhere nothing).
    A process still small (below :data:`TRIM_FROM` resident) has nothing worth handing back, and
    skips loading ``ctypes`` (a few milliseconds of a small report's whole run).
    """
    if not sys.platform.startswith("linux") or _resident() < TRIM_FROM:
        return  # (elsewhere no malloc_trim: ctypes need not load either)
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


#: The resident size from which :func:`give_back` trims the C heap.
TRIM_FROM = 128 * 2**20


def _resident() -> int:
    """This process's resident bytes (Linux's /proc/self/statm); unreadable, a size that trims."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _page_size()
    except (OSError, ValueError, IndexError):
        return TRIM_FROM


@functools.cache
def _page_size() -> int:
    import os

    return os.sysconf("SC_PAGE_SIZE")


@functools.cache
def _malloc_trim():
    try:
        import ctypes

        if sys.platform.startswith("linux"):
            return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows): nothing to do
        pass
    return None
