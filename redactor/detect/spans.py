"""The span detection passes around (``Found``), in a module that imports nothing heavy.

Worker processes send spans as JSON rows and the coordinating process turns them back into
``Found`` (``stage.span_from_json``) to build findings; it never analyses text, so it should not
load Presidio or spaCy to do so. ``merge.py`` resolves overlaps between them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Found:
    """A span under resolution: Python indices, entity, score, recognizer, explanation."""

    start: int
    end: int
    entity: str
    score: float
    recognizer: str
    explanation: dict[str, Any]

    def relabelled(self, entity: str, reason: str, *, place: bool = False) -> Found:
        """This span flagged as ``entity`` instead of a guessed person, ``reason`` added to its explanation (``place``:
        marked read as a place)."""
        why = f"{self.explanation.get('textual_explanation') or 'a guessed name'}; {reason}"
        marks = {"read_as_place": True} if place else {}
        return replace(self, entity=entity, explanation={**self.explanation, "textual_explanation": why, **marks})
