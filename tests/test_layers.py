"""The layers of the package: the core never imports the edges (write, cli, excel).

Core = the flat modules at the top (grid, header, codes, grades, model, parse, rollup, settings,
config, validate, errors, messages, rulesdoc), the rules and the file readers. ``commands.py`` joins
the core to the writers and is imported by both edges; the ribbon never imports the CLI.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "seuranta_xl"
EDGES = ("write", "cli", "excel")
JOINS = {"commands", "splitting", "merging", "batch"}  # modules allowed to import write/ (commands, not core)


def _imports(path: Path) -> set[str]:
    """Absolute dotted names of everything ``path`` imports from the package (lazy imports too)."""
    module = path.relative_to(PACKAGE.parent).with_suffix("").parts
    package = module[:-1] if module[-1] != "__init__" else module[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(package[: len(package) - node.level + 1])
                name = ".".join(base + ([node.module] if node.module else []))
                found.add(name)
                if not node.module:
                    found.update(f"{name}.{alias.name}" for alias in node.names)
            elif node.module and node.module.startswith("seuranta_xl"):
                found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("seuranta_xl"))
    return found


def _layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


def _modules(where: str = ""):
    for path in sorted((PACKAGE / where).rglob("*.py")):
        yield path, _layer(".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts))


def test_core_never_imports_an_edge():
    offending = []
    for path, layer in _modules():
        if layer in EDGES or layer in JOINS or path.name == "__main__.py":
            continue
        for name in _imports(path):
            if _layer(name) in EDGES or _layer(name) in JOINS:
                offending.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert offending == []


def test_the_ribbon_never_imports_the_cli():
    # both edges call the same commands; the CLI may build the add-in (excel/addin.py), not the reverse
    offending = [str(path.relative_to(PACKAGE)) for path, layer in _modules()
                 if layer == "excel" and any(_layer(name) == "cli" for name in _imports(path))]
    assert offending == []


def test_the_check_sees_lazy_imports():
    # the ribbon imports the planners inside its functions: the walker must see that
    assert any(_layer(n) == "write" for n in _imports(PACKAGE / "excel" / "ribbon.py"))
