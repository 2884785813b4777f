"""Special-category and sensitive material, flagged SC for review rather than redacted blindly.

Terms come from ``models/lexicons/special_category.yaml`` (category -> regular expressions).
A term that starts with a capital letter matches case-sensitively ("Polish", not "polish");
others match in any case. The category goes into the finding's explanation so the reviewer
sees why it was flagged (health, sexual_life, religion, ...).
"""

from __future__ import annotations

import re
from typing import Any

from presidio_analyzer import EntityRecognizer, RecognizerResult

from redactor import paths
from redactor.config import load_yaml
from redactor.detect.recognizers.base import result
from redactor.errors import ConfigError

ENTITY = "SPECIAL_CATEGORY"


class SpecialCategoryRecognizer(EntityRecognizer):
    SCORE = 0.6

    def __init__(self, supported_language: str = "en", lexicon: str = "lexicons/special_category.yaml") -> None:
        self.lexicon = lexicon
        super().__init__(supported_entities=[ENTITY], name="SpecialCategoryRecognizer", supported_language=supported_language)

    def load(self) -> None:
        path = paths.models_dir() / self.lexicon
        raw = load_yaml(path, "special-category lexicon") or {}
        self._patterns: list[tuple[str, re.Pattern[str]]] = []
        for category, terms in raw.items():
            sensitive = [t for t in terms if t[:1].isupper()]
            other = [t for t in terms if not t[:1].isupper()]
            for group, flags in ((sensitive, 0), (other, re.IGNORECASE)):
                if group:
                    alternatives = "|".join(f"(?:{t})" for t in sorted(group, key=len, reverse=True))
                    try:
                        self._patterns.append((str(category), re.compile(r"(?<![\w])(?:" + alternatives + r")(?![\w])", flags)))
                    except re.error as exc:
                        raise ConfigError(f"special-category lexicon {path}: category {category}: bad pattern ({exc})") from None

    def analyze(self, text: str, entities: list[str], nlp_artifacts: Any = None) -> list[RecognizerResult]:
        if ENTITY not in entities:
            return []
        if not hasattr(self, "_patterns"):
            self.load()
        return [
            result(self, ENTITY, m.start(), m.end(), self.SCORE, category, f"special category: {category}", category=category)
            for category, pattern in self._patterns
            for m in pattern.finditer(text)
        ]
