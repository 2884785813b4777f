"""Where the tool finds its pipelines and models (overridable for tests and deployments)."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def pipelines_dir() -> Path:
    return Path(os.environ.get("REDACTOR_PIPELINES", PROJECT_ROOT / "pipelines"))


def models_dir() -> Path:
    return Path(os.environ.get("REDACTOR_MODELS", PROJECT_ROOT / "models"))
