"""CLI command ``schema``: the JSON Schema of a JSON output, for IT to validate what they consume."""

from __future__ import annotations

import argparse
import json
import sys

#: The outputs with a published shape (seuranta_xl/schemas.py SCHEMAS; kept here so --help needs no pydantic).
OUTPUTS = ("validate", "validate-batch", "rollup")


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "schema", help="JSON-tulosteen skeema / the JSON Schema of a JSON output",
        description="Tulostaa komennon --format json -tulosteen JSON Schema -kuvauksen "
                    "(prints the JSON Schema of a command's --format json output).")
    p.add_argument("output", choices=OUTPUTS, help="validate (one file), validate-batch (several) or rollup")
    p.set_defaults(run=run_schema)


def run_schema(args: argparse.Namespace) -> int:
    from ..schemas import json_schema

    sys.stdout.write(json.dumps(json_schema(args.output), ensure_ascii=False, indent=2) + "\n")
    return 0
