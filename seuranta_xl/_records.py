"""Plain per-row records (items, rows, findings, rollups): slotted dataclasses, not pydantic models.

A report holds tens of thousands of them; validated construction cost ~1.7 µs each and the model
classes ~0.3 s of import. What the code already checked (parsed cells, computed figures) needs no
second validation. Pydantic stays where input is untrusted (settings) and for the published JSON
shapes (``schemas.py``). ``Record`` keeps the two pydantic methods callers use.
"""

from __future__ import annotations

import copy
import dataclasses
from typing import Any, Union

#: pydantic's ``exclude``: field names, or name → nested exclude (``True``: the whole field).
Exclude = Union[set, dict, None]


class Record:
    """``model_copy`` and ``model_dump`` for dataclass records (the subset of pydantic's API in use)."""

    __slots__ = ()

    def model_copy(self, *, update: dict[str, Any] | None = None, deep: bool = False):
        """A copy with ``update`` applied; ``deep`` copies nested lists and records too."""
        clone = copy.deepcopy(self) if deep else copy.copy(self)
        for name, value in (update or {}).items():
            setattr(clone, name, value)
        return clone

    def model_dump(self, *, exclude: Exclude = None) -> dict[str, Any]:
        """Fields as plain dicts and lists, recursively; ``exclude`` as in pydantic (a set of names,
        or a dict of name → nested exclude, ``"__all__"`` for every element of a list)."""
        return _dump(self, exclude)


def _dump(value: Any, exclude: Any = None) -> Any:
    if isinstance(value, Record):
        out = {}
        for f in dataclasses.fields(value):
            if f.name.startswith("_"):
                continue
            inner = None
            if isinstance(exclude, (set, frozenset)) and f.name in exclude:
                continue
            if isinstance(exclude, dict) and f.name in exclude:
                inner = exclude[f.name]
                if inner is True or inner is ...:
                    continue
            out[f.name] = _dump(getattr(value, f.name), inner)
        return out
    if isinstance(value, (list, tuple)):
        each = exclude.get("__all__") if isinstance(exclude, dict) else None
        items = [_dump(v, each) for v in value]
        return items if isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    return value
