"""The rule catalogue. Importing this package registers every rule in RULES (one table)."""

from __future__ import annotations

# Registration by import; the order here is the order of the catalogue.
from . import grade, hierarchy, placement, required, roles, consistency, text, cycle, cells  # noqa: F401
from ._registry import DOC_SECTIONS, FAMILIES, RULES, Hit, Rule, RunContext, family_title, rule

__all__ = ["DOC_SECTIONS", "FAMILIES", "RULES", "Hit", "Rule", "RunContext", "family_title", "rule"]
