"""Whether a configured spaCy model is here, asked without importing spaCy.

One check for the detect stage (when it is built, also in a coordinating process that never loads the
model) and for the NLP engine (before Presidio loads the model): nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.metadata
from pathlib import Path


def model_installed(name: str) -> bool:
    """Whether the spaCy model ``name`` is here: an installed package of that name, or a model folder."""
    return is_package(name) or Path(name).exists()


def is_package(name: str) -> bool:
    """``spacy.util.is_package`` without importing spaCy: whether a distribution of that name is installed."""
    try:
        importlib.metadata.distribution(name)
    except Exception:  # noqa: BLE001 - as spaCy's check: any failure means not installed
        return False
    return True
