"""Loading programme definitions from YAML (minimal loader; see docs/yaml.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from ..model import Programme

__all__ = ["DefinitionError", "load_path"]


class DefinitionError(Exception):
    """A programme definition that cannot be loaded; `str()` lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def load_path(path: Path) -> Programme:
    """Load a programme from a YAML file, or from `programme.yaml` in a folder."""
    file = path / "programme.yaml" if path.is_dir() else path
    try:
        data: Any = YAML(typ="safe", pure=True).load(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, YAMLError) as error:
        raise DefinitionError([f"{file}: {error}"]) from None
    try:
        return Programme.model_validate(data)
    except ValidationError as error:
        raise DefinitionError([f"{file}: {error}"]) from None
