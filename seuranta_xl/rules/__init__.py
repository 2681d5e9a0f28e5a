"""The rule catalogue. Importing this package registers every rule in RULES (one table)."""

from __future__ import annotations

from . import grade, hierarchy  # noqa: F401  (registration by import)
from ._registry import DOC_SECTIONS, FAMILIES, RULES, Hit, Rule, rule

__all__ = ["DOC_SECTIONS", "FAMILIES", "RULES", "Hit", "Rule", "rule"]
