"""The README's promises, kept true: its two set-up commands, CI running the test command, its TOML."""

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, re.S)


def test_two_setup_commands_and_ci_runs_the_test_command():
    setup = README.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    commands = [b.strip() for b in re.findall(r"```sh\n(.*?)```", setup, re.S)]
    assert len(commands) == 2
    main_job, tests = commands
    assert "seuranta-xl run workbook/examples/" in main_job and "pytest -n auto" in tests
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert tests in ci.splitlines()
    example = re.search(r"run (\S+)", main_job)[1]
    assert (ROOT / example).is_file()


def test_readme_configuration_example_is_valid(tmp_path):
    from seuranta_xl.config import read_toml

    (toml,) = _blocks("toml")
    path = tmp_path / "seuranta.toml"
    path.write_text(toml, encoding="utf-8")
    settings = read_toml(path)
    assert settings.ignore == ["T"] and settings.severity == {"R103": "warning"}
    assert settings.required["council"] == [] and settings.status_thresholds.yellow == 2.5
