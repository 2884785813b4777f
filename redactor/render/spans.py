"""Which characters of a segment are redacted, and with which reason codes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redactor.records import Flag, Segment, Word


@dataclass(frozen=True, slots=True)
class Cut:
    """A merged run of redacted characters ``[start, end)`` and the flags behind it."""

    start: int
    end: int
    codes: tuple[str, ...]
    flag_ids: tuple[str, ...]
    entities: tuple[str, ...]

    @property
    def label(self) -> str:
        return "/".join(self.codes)


def cuts_for(segment: Segment, flags: Sequence[Flag]) -> tuple[Cut, ...]:
    """Merge the overlapping or touching spans of the flags on this segment."""
    spans = sorted(
        ((max(0, f.start), min(len(segment.text), f.end), f) for f in flags if f.segment_id == segment.segment_id),
        key=lambda t: (t[0], t[1], t[2].flag_id),
    )
    merged: list[list] = []
    for start, end, flag in spans:
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
            merged[-1][2].append(flag)
        else:
            merged.append([start, end, [flag]])
    return tuple(
        Cut(s, e, tuple(dict.fromkeys(f.code for f in fl)), tuple(f.flag_id for f in fl), tuple(dict.fromkeys(f.entity for f in fl)))
        for s, e, fl in merged
    )


def touched_words(words: Sequence[Word], cut: Cut) -> list[Word]:
    """Words that share at least one character with the cut: they are removed whole."""
    return [w for w in words if w.start < cut.end and cut.start < w.end]


def redacted_mask(length: int, cuts: Sequence[Cut]) -> list[bool]:
    mask = [False] * length
    for cut in cuts:
        for i in range(cut.start, cut.end):
            mask[i] = True
    return mask
