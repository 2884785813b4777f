"""Helpers for tests of merge rules: spans placed in a text by value, and the people ``resolve`` keeps."""

from __future__ import annotations

from redactor.detect.merge import Found, resolve


def found_spans(text: str, *found: tuple[str, str, str]) -> list[Found]:
    """Found spans for (value, entity, recognizer), each at the value's first place in ``text``."""
    out = []
    for value, entity, recognizer in found:
        start = text.index(value)
        out.append(Found(start, start + len(value), entity, 0.85, recognizer, {}))
    return out


def resolved_people(text: str, spans: list[Found]) -> list[str]:
    """The PERSON values ``resolve`` keeps of ``spans`` in ``text``."""
    return [text[s.start : s.end] for s in resolve(text, spans) if s.entity == "PERSON"]
