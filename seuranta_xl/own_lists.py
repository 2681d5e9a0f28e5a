"""Our dropdown lists' names, and how a list validation is told to be ours or the person's own.

Core (no writer needed): a read-only command and the Python API tell a person's own dropdown from
ours the same way the writers do (:mod:`seuranta_xl.write.actions` re-exports all of this), so a
person's own list on the responsible or status column is used as that sheet's roles or statuses
list (:func:`seuranta_xl.config.own_list_settings`) wherever the workbook comes from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from ._records import Record

#: Our lists sheet. The name stays Finnish in every language so every engine and later runs find it.
LISTS_SHEET = "Listat"

#: Workbook-level names of the dropdown lists (ASCII so they are valid in every Excel locale).
GRADE_LIST_NAME = "Etenemisaste"
ROLE_LIST_NAME = "Vastuuhenkilot"
STATUS_LIST_NAME = "Tilanne"
OWN_NAMES = (GRADE_LIST_NAME, ROLE_LIST_NAME, STATUS_LIST_NAME)

#: The prefix of our list names where the workbook already has a name of the person's with ours.
NAME_PREFIX = "seuranta_"


# What an engine reads of the workbook's names and validations (``Workbook.lists``): here, not
# with the write actions, because a read-only command needs them for the person's own lists.

@dataclass(slots=True, kw_only=True)
class ExistingName(Record):
    """A defined name already in the workbook (``sheet``: the sheet it is local to, None for the workbook)."""

    name: str
    refers_to: str
    sheet: str | None = None
    hidden: bool = False


@dataclass(slots=True, kw_only=True)
class ExistingValidation(Record):
    """A data validation already on a sheet (``formula1`` as stored, without ``=``)."""

    sheet: str
    sqref: str
    type: str | None = None
    formula1: str | None = None


def is_own_list_source(source: str | None, user_names: "Iterable[str]" = ()) -> bool:
    """True for a list validation whose source is one of our names (``=Etenemisaste``,
    ``=seuranta_Etenemisaste``) - unless that name is the person's own (``user_names``)."""
    name = (source or "").lstrip("=").strip()
    if name.casefold() in {n.casefold() for n in user_names}:
        return False
    return name in OWN_NAMES or (name.startswith(NAME_PREFIX) and name[len(NAME_PREFIX):] in OWN_NAMES)


def points_at_lists(refers_to: str | None) -> bool:
    """Whether a name refers to our lists sheet."""
    ref = (refers_to or "").lstrip("=").strip().replace("'", "").casefold()
    return ref.startswith(LISTS_SHEET.casefold() + "!")


def user_list_names(names: "Iterable[Any]") -> list[str]:
    """Names of the person's own spelled like ours (not pointing at our lists sheet): their
    dropdowns using them are theirs."""
    return [n.name for n in names if n.name in OWN_NAMES and not points_at_lists(n.refers_to)]


def persons_validations(validations: "Iterable[Any]", names: "Iterable[Any]") -> list[Any]:
    """The validations that are the person's own, not one of our dropdowns."""
    user_names = user_list_names(list(names))
    return [v for v in validations if not is_own_list_source(v.formula1, user_names)]
