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
    """Merge the overlapping or touching spans of the flags on this segment; one reason code per cut.

    Spans with the same code merge; a span with another code starts a new cut where the
    previous one ends (the characters they share stay in the earlier cut), so every box
    carries exactly one code and every redacted character is in some cut.
    """
    spans = sorted(
        ((max(0, f.start), min(len(segment.text), f.end), f) for f in flags if f.segment_id == segment.segment_id),
        key=lambda t: (t[0], t[1], t[2].flag_id),
    )
    merged: list[list] = []
    for start, end, flag in spans:
        if end <= start:
            continue
        last = merged[-1] if merged else None
        if last is not None and start <= last[1] and (flag.code == last[2][0].code or end <= last[1]):
            last[1] = max(last[1], end)
            last[2].append(flag)
        else:
            merged.append([max(start, last[1]) if last is not None else start, end, [flag]])
    return tuple(Cut(s, e, (fl[0].code,), tuple(f.flag_id for f in fl), tuple(dict.fromkeys(f.entity for f in fl))) for s, e, fl in merged)


def by_segment(flags: Sequence[Flag]) -> dict[str, list[Flag]]:
    """The flags of each segment: a renderer looks them up once instead of scanning every flag per segment."""
    index: dict[str, list[Flag]] = {}
    for flag in flags:
        index.setdefault(flag.segment_id, []).append(flag)
    return index


def touched_words(words: Sequence[Word], cut: Cut) -> list[Word]:
    """Words that share at least one character with the cut: they are removed whole."""
    return [w for w in words if w.start < cut.end and cut.start < w.end]


def redacted_mask(length: int, cuts: Sequence[Cut]) -> list[bool]:
    mask = [False] * length
    for cut in cuts:
        for i in range(cut.start, cut.end):
            mask[i] = True
    return mask
