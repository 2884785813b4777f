"""Where the tool finds its pipelines, models configuration and review assets.

An installed wheel carries ``pipelines/`` and ``models/`` as package data (``redactor/_pipelines``,
``redactor/_models``; see setup.py), found with importlib.resources. A source checkout (an editable
install, the tests) reads the top-level folders. ``REDACTOR_PIPELINES`` / ``REDACTOR_MODELS``
override both (tests, deployments with their own configuration).
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _data_dir(packaged: str, top_level: str) -> Path:
    installed = Path(str(resources.files("redactor") / packaged))
    return installed if installed.is_dir() else PROJECT_ROOT / top_level


def pipelines_dir() -> Path:
    return Path(os.environ.get("REDACTOR_PIPELINES") or _data_dir("_pipelines", "pipelines"))


def models_dir() -> Path:
    return Path(os.environ.get("REDACTOR_MODELS") or _data_dir("_models", "models"))


def static_dir() -> Path:
    """The review app's CSS and JavaScript (package data of ``redactor.review``)."""
    return Path(str(resources.files("redactor.review") / "static"))
