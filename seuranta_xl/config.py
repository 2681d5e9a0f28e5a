"""Reading Settings: defaults, then ``seuranta.toml`` (next to the workbook or ``--config``)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .errors import InputError
from .settings import Settings


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def settings_from_mapping(data: dict[str, Any], source: str, base: Settings | None = None) -> Settings:
    """Settings from a mapping layered over ``base``; InputError (one line) when invalid."""
    layered = _merge((base or Settings()).model_dump(), data)
    try:
        return Settings.model_validate(layered)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise InputError(source, f"virheellinen asetus {where}: {first['msg']}") from None


def read_toml(path: str | os.PathLike[str], base: Settings | None = None) -> Settings:
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "asetustiedostoa ei löydy") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"asetustiedostoa ei voi lukea ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(str(path), f"virheellinen TOML: {exc}") from None
    # The file may put everything under [seuranta] or at top level.
    data = data.get("seuranta", data)
    return settings_from_mapping(data, str(path), base)


def load_settings(input_path: str | os.PathLike[str] | None = None, config: str | os.PathLike[str] | None = None,
                  *, language: str | None = None) -> Settings:
    """Defaults, then the explicit ``config`` or a ``seuranta.toml`` beside the input; ``language`` wins last."""
    settings = Settings()
    path = Path(config) if config else None
    if path is None and input_path is not None:
        beside = Path(input_path).parent / "seuranta.toml"
        path = beside if beside.is_file() else None
    if path is not None:
        settings = read_toml(path, settings)
    if language:
        settings = settings.model_copy(update={"language": language})
    return settings
