"""The published JSON shapes: the real outputs of ``validate``/``rollup --format json`` validate
against the JSON Schemas ``seuranta-xl schema …`` prints (with jsonschema, as a consumer would)."""

from __future__ import annotations

import json

import jsonschema
import pytest

from seuranta_xl.schemas import SCHEMAS, RollupOutput, ValidateOutput

BUNDLED = "workbook/examples/seuranta_1-9_2021.xlsx"


def _schema(run_cli, name: str) -> dict:
    status, out, err = run_cli("schema", name)
    assert status == 0 and err == ""
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize("source", ["seed_txt", "seed_xlsx"])
def test_validate_json_matches_its_schema(run_cli, request, source):
    schema = _schema(run_cli, "validate")
    status, out, _ = run_cli("validate", request.getfixturevalue(source), "--format", "json")
    assert status == 0  # the seed has warnings and notes, no errors
    payload = json.loads(out)
    jsonschema.validate(payload, schema)
    assert len(payload["findings"]) == 74 and ValidateOutput.model_validate(payload).counts.rows > 0


def test_validate_json_of_the_bundled_workbook_and_english(run_cli):
    status, out, _ = run_cli("validate", BUNDLED, "--format", "json", "--lang", "en")
    jsonschema.validate(json.loads(out), _schema(run_cli, "validate"))


def test_batch_json_matches_its_schema(run_cli, seed_txt, tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not a workbook")
    status, out, _ = run_cli("validate", seed_txt, broken, "--format", "json")
    assert status == 2
    payload = json.loads(out)
    jsonschema.validate(payload, _schema(run_cli, "validate-batch"))
    assert [("error" in r) for r in payload["reports"]] == [False, True]


def test_rollup_json_matches_its_schema(run_cli, seed_txt):
    status, out, _ = run_cli("rollup", seed_txt, "--format", "json")
    assert status == 0
    payload = json.loads(out)
    jsonschema.validate(payload, _schema(run_cli, "rollup"))
    assert RollupOutput.model_validate(payload).goals[0].code == "01."


def test_a_key_outside_the_published_shape_fails(run_cli, seed_txt):
    _, out, _ = run_cli("rollup", seed_txt, "--format", "json")
    payload = json.loads(out)
    payload["goals"][0]["surprise"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, _schema(run_cli, "rollup"))
    del payload["goals"][0]["surprise"]
    payload["total"]["distribution"]["6"] = 1  # grades are 1-5
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(payload, _schema(run_cli, "rollup"))


def test_schema_command_lists_every_published_output(run_cli):
    from seuranta_xl.cli.schema import OUTPUTS

    assert set(OUTPUTS) == set(SCHEMAS)
    with pytest.raises(SystemExit) as exc:  # argparse refuses an unknown output: exit 2
        run_cli("schema", "nonesuch")
    assert exc.value.code == 2
