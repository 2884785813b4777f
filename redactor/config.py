"""Reading configuration files: one YAML loader and one way to report validation problems.

Pipelines, the roster, model configuration and lexicons are YAML; pydantic validates them
(and review requests). A problem becomes a :class:`ConfigError` naming the file and what is
wrong, never a traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from redactor.errors import ConfigError


def problems(exc: ValidationError, *, root: str = "", limit: int | None = None) -> str:
    """A pydantic validation error as one line: ``where: what; where: what``."""
    errors = exc.errors()[:limit] if limit else exc.errors()
    return "; ".join(f"{'.'.join(str(p) for p in e['loc']) or root}: {e['msg']}" for e in errors)


def load_yaml(path: Path, what: str, *, hint: str | None = None) -> Any:
    """The content of a YAML file; :class:`ConfigError` ("{what} {path}: ...") when it cannot be read or parsed."""
    path = Path(path)
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{what} {path}: cannot be read ({exc.strerror or type(exc).__name__})", hint=hint) from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{what} {path}: not valid YAML ({type(exc).__name__})", hint=hint) from None
