"""grid.py: column letters and cell references, the one place they are taken apart."""

from __future__ import annotations

import pytest

from seuranta_xl.grid import column_index, column_letter, split_cell


@pytest.mark.parametrize("ref, expected", [("F20", ("F", 20)), ("$AB$7", ("AB", 7)), ("xfd1048576", ("XFD", 1048576))])
def test_split_cell(ref, expected):
    assert split_cell(ref) == expected


@pytest.mark.parametrize("ref", ["F", "20", "", "F2G", "1F"])
def test_split_cell_refuses_what_is_not_a_cell(ref):
    with pytest.raises(ValueError):
        split_cell(ref)


def test_column_letters_round_trip():
    for index in (0, 25, 26, 701, 702, 16383):
        assert column_index(column_letter(index)) == index
    assert column_letter(16383) == "XFD"
