"""A small rule recognizer: regexes, a checksum hook and context words, with predictable scores.

Presidio's own ``PatternRecognizer`` scores context through spaCy lemmas in a five-token
window and sets a checksum-valid match to 1.0. Ours is explicit instead:

- every ``Rule`` has a score without context and an optional score when a context word
  appears in the ``window`` characters before the match (or a few after it);
- ``validate(value)`` returns ``True`` (checksum holds: ``valid_score``), ``False`` (drop the
  match) or ``None`` (no opinion);
- a match whose score is 0 is not reported, so context-only rules stay silent without context.

The explanation of every result names the rule, the context word and the validation, for
the reviewer's "why was this flagged".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from presidio_analyzer import AnalysisExplanation, EntityRecognizer, RecognizerResult

AFTER = 16  # characters after a match that are searched for context too


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    regex: str
    score: float  # without context; 0 means "only with context"
    context_score: float | None = None  # with a context word nearby


def context_regex(words: Iterable[str]) -> re.Pattern[str] | None:
    words = [w for w in words if w]
    if not words:
        return None
    return re.compile(r"(?<![A-Za-z])(?:" + "|".join(re.escape(w).replace(r"\ ", r"[\s.-]*") for w in words) + r")", re.IGNORECASE)


def result(
    recognizer: EntityRecognizer, entity: str, start: int, end: int, score: float, rule: str, why: str, **metadata: Any
) -> RecognizerResult:
    explanation = AnalysisExplanation(recognizer=recognizer.name, original_score=score, pattern_name=rule, textual_explanation=why)
    meta = {RecognizerResult.RECOGNIZER_NAME_KEY: recognizer.name, RecognizerResult.RECOGNIZER_IDENTIFIER_KEY: recognizer.id, **metadata}
    return RecognizerResult(entity, start, end, round(score, 4), analysis_explanation=explanation, recognition_metadata=meta)


class RuleRecognizer(EntityRecognizer):
    """Subclasses set ``ENTITY``, ``RULES``, ``CONTEXT`` and may override ``validate``."""

    ENTITY = ""
    RULES: Sequence[Rule] = ()
    CONTEXT: Sequence[str] = ()
    WINDOW = 40
    VALID_SCORE = 0.95
    FLAGS = 0

    def __init__(
        self,
        supported_language: str = "en",
        *,
        entity: str | None = None,
        rules: Sequence[Rule] | None = None,
        context: Sequence[str] | None = None,
        name: str | None = None,
        window: int | None = None,
        flags: int | None = None,
    ) -> None:
        self.entity = entity or self.ENTITY
        self.rules = tuple(rules if rules is not None else self.RULES)
        self.context_words = tuple(context if context is not None else self.CONTEXT)
        self.window = window if window is not None else self.WINDOW
        self._flags = self.FLAGS if flags is None else flags
        super().__init__(supported_entities=[self.entity], name=name or type(self).__name__, supported_language=supported_language)

    def load(self) -> None:
        self._compiled = [(rule, re.compile(rule.regex, self._flags)) for rule in self.rules]
        self._context = context_regex(self.context_words)

    def validate(self, value: str) -> bool | None:
        return None

    def context_word(self, text: str, start: int, end: int) -> str | None:
        if self._context is None:
            return None
        before = self._context.findall(text[max(0, start - self.window) : start])
        if before:
            return before[-1]
        after = self._context.search(text[end : end + AFTER])
        return after.group(0) if after else None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if self.entity not in entities:
            return []
        if not hasattr(self, "_compiled"):
            self.load()
        out: list[RecognizerResult] = []
        seen: set[tuple[int, int]] = set()
        for rule, pattern in self._compiled:
            for m in pattern.finditer(text):
                start, end = m.span("value") if "value" in pattern.groupindex else m.span()
                if end <= start or (start, end) in seen:
                    continue
                found = self.score(text, start, end, rule)
                if found is not None:
                    seen.add((start, end))
                    out.append(found)
        return out

    def score(self, text: str, start: int, end: int, rule: Rule) -> RecognizerResult | None:
        value = text[start:end]
        valid = self.validate(value)
        if valid is False:
            return None
        word = self.context_word(text, start, end)
        score = rule.score
        if word is not None and rule.context_score is not None:
            score = max(score, rule.context_score)
        if valid:
            score = max(score, self.VALID_SCORE)
        if score <= 0:
            return None
        why = f"{rule.name}" + (f"; context word '{word.lower()}'" if word else "") + ("; checksum valid" if valid else "")
        return result(self, self.entity, start, end, score, rule.name, why)


def digits(value: str) -> str:
    return re.sub(r"\D", "", value)
