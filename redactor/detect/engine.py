"""Build Presidio's AnalyzerEngine from the files in ``models/`` and run it safely.

- The spaCy model must be installed; Presidio would otherwise download one at run time,
  so we check first and raise :class:`ModelError`.
- tldextract (used by Presidio's e-mail recognizer) is pointed at its bundled suffix
  snapshot so it never fetches a list from the network.
- Text is normalised first (``normalize.py``: invisible marks removed, look-alike spaces, digits
  and letters in ASCII) and every span is mapped back to the original offsets.
- A text in another language (``language.py``) is not given to the English model: only the
  recognizers that do not read English run over it (the stage also puts it up for review).
- Texts longer than a chunk are analysed in overlapping windows, so spaCy's length limit
  never drops text and no entity on a window boundary is lost.
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from redactor.config import load_yaml
from redactor.detect.installed import model_installed
from redactor.detect.language import language as language_of
from redactor.detect.merge import Found as Span
from redactor.detect.merge import resolve
from redactor.detect.normalize import normalise
from redactor.detect.prechecks import install as install_prechecks
from redactor.detect.recognizers.base import Rule, RuleRecognizer
from redactor.detect.tagging import TAG_LATER, askers, asks_for_tags, defer_tagger
from redactor.errors import ConfigError, ModelError

log = logging.getLogger(__name__)

CHUNK = 100_000
PIPE_BATCH = 128  # texts per spaCy pipe batch (NER alone: 128 costs about a tenth less than 64)
OVERLAP = 2_000
_SURROGATE = re.compile("[\ud800-\udfff]")
EXTRA_METADATA = ("category", "person_id", "role")  # what our recognizers add for the policy (never text)


def _offline_tldextract() -> None:
    import tldextract

    extractor = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    tldextract.extract = extractor  # type: ignore[assignment]
    tldextract.tldextract.TLD_EXTRACTOR = extractor  # type: ignore[attr-defined]


class PredefinedEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    kwargs: dict[str, Any] = Field(default_factory=dict)


class PatternSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    regex: str
    score: float = Field(ge=0, le=1)  # without context; 0: only reported next to a context word
    context_score: float | None = Field(default=None, ge=0, le=1)  # with a context word nearby


class PatternEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    entity: str
    patterns: list[PatternSpec]
    context: list[str] = Field(default_factory=list)
    window: int = Field(default=40, ge=0, le=400)  # characters before a match searched for context words
    ignore_case: bool = False


class RecognizersFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    predefined: list[PredefinedEntry] = Field(default_factory=list)
    patterns: list[PatternEntry] = Field(default_factory=list)


def _read_yaml(path: Path) -> Any:
    if not path.is_file():
        raise ConfigError(f"model configuration {path} not found")
    return load_yaml(path, "model configuration")


def _recognizer_class(name: str) -> type:
    if ":" in name:
        module, _, attr = name.partition(":")
        return getattr(importlib.import_module(module), attr)
    from presidio_analyzer import predefined_recognizers

    try:
        return getattr(predefined_recognizers, name)
    except AttributeError:
        raise ConfigError(f"unknown recognizer {name!r}", hint="use a Presidio predefined recognizer name or 'module:Class'") from None


def build_registry(path: Path, language: str) -> Any:
    from presidio_analyzer import RecognizerRegistry

    try:
        spec = RecognizersFile.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise ConfigError(f"{path}: {exc.errors()[0]['loc']}: {exc.errors()[0]['msg']}") from None
    registry = RecognizerRegistry(supported_languages=[language])
    for entry in spec.predefined:
        cls = _recognizer_class(entry.name)
        try:
            registry.add_recognizer(cls(supported_language=language, **entry.kwargs))
        except TypeError as exc:
            raise ConfigError(f"{path}: recognizer {entry.name}: {exc}") from None
    for entry in spec.patterns:
        rules = [Rule(p.name, p.regex, p.score, p.context_score) for p in entry.patterns]
        try:
            recognizer = RuleRecognizer(
                language,
                entity=entry.entity,
                rules=rules,
                context=entry.context,
                name=entry.name,
                window=entry.window,
                flags=re.IGNORECASE if entry.ignore_case else 0,
            )
            recognizer.load()
        except re.error as exc:
            raise ConfigError(f"{path}: recognizer {entry.name}: bad regular expression ({exc})") from None
        registry.add_recognizer(recognizer)
    return registry


def build_nlp_engine(path: Path) -> Any:
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    config = _read_yaml(path)
    for model in config.get("models", []):
        name = model.get("model_name", "")
        if not model_installed(name):
            raise ModelError(f"spaCy model {name!r} is not installed (configured in {path.name})")
    return NlpEngineProvider(nlp_configuration=config).create_engine()


def _no_context_enhancer() -> Any:
    """Our recognizers score their own context words (``recognizers/base.py``); Presidio's lemma
    enhancer would only re-scan every token for each result (most of the time on long texts)."""
    from presidio_analyzer.context_aware_enhancers import ContextAwareEnhancer

    class NoContextEnhancer(ContextAwareEnhancer):
        def enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # type: ignore[no-untyped-def]
            return raw_results

    return NoContextEnhancer(0.0, 0.0, 0, 0)


# recognizers that read English: spaCy's NER and what builds on it, English cue and term lists
# ("son X", "coach X"; the case title's " v " is Czech and Slovak for "in": "Jana v Praze")
ENGLISH_ONLY = {
    "SpacyRecognizer",
    "OrgNameRecognizer",
    "ChatNameRecognizer",
    "SpecialCategoryRecognizer",
    "RoleNameRecognizer",
    "CasePartyRecognizer",
}
UNUSED_PIPES = ("parser", "lemmatizer")  # not used by any recognizer; NER and the tagger (PROPN) stay


def _disable_unused_pipes(nlp_engine: Any) -> None:
    for nlp in getattr(nlp_engine, "nlp", {}).values():
        for name in UNUSED_PIPES:
            if name in getattr(nlp, "pipe_names", ()):
                nlp.disable_pipe(name)
        if "attribute_ruler" in getattr(nlp, "pipe_names", ()) and _propn_is_tag_only(nlp):
            nlp.disable_pipe("attribute_ruler")  # names.py reads PROPN from the tag itself


def _propn_is_tag_only(nlp: Any) -> bool:
    """True when the attribute ruler sets PROPN exactly on the tags ``PROPN_TAGS``, and nothing
    else it can do here (no parser: patterns on a dependency label never match; whitespace tokens
    are left out by ``tagging.proper_nouns``) puts another part of speech on those tags. Then PROPN is read
    from the tag and the ruler, a matcher over every token, is not needed by any recognizer."""
    from redactor.detect.tagging import PROPN_TAGS

    propn_tags: set[str] = set()
    for entry in nlp.get_pipe("attribute_ruler").patterns:
        pos = entry.get("attrs", {}).get("POS")
        if "TAG" in entry.get("attrs", {}) and entry.get("patterns") != [[{"IS_SPACE": True}]]:
            return False  # the ruler would change tags themselves
        for tokens in entry.get("patterns", ()):
            if pos is None or _never_matches(tokens, "parser" in nlp.pipe_names) or tokens == [{"IS_SPACE": True}]:
                continue
            tags = [token.get("TAG") for token in tokens]
            if pos == "PROPN":
                if len(tokens) != 1 or set(tokens[0]) != {"TAG"} or not isinstance(tags[0], str):
                    return False
                propn_tags.add(tags[0])
            elif any(not isinstance(tag, str) or tag in PROPN_TAGS for tag in tags):
                return False  # another part of speech could land on a PROPN tag
    return propn_tags == set(PROPN_TAGS)


def _never_matches(tokens: list[dict[str, Any]], parsed: bool) -> bool:
    """A pattern that needs a dependency label cannot match when the parser does not run (DEP is '')."""
    if parsed:
        return False
    for token in tokens:
        dep = token.get("DEP")
        if isinstance(dep, str) and dep:
            return True
        if isinstance(dep, dict) and (("IN" in dep and "" not in dep["IN"]) or ("NOT_IN" in dep and "" in dep["NOT_IN"])):
            return True
    return False


class Detector:
    """Runs the configured analyzer over texts and returns spans in Python string indices."""

    def __init__(
        self,
        nlp_config: Path,
        recognizers: Path,
        *,
        language: str = "en",
        score_threshold: float = 0.35,
        entities: Sequence[str] | None = None,
        prechecks: bool = True,
    ) -> None:
        from redactor.detect.analyzer import Analyzer  # Presidio is imported only where a detector is built

        _offline_tldextract()
        nlp_engine = build_nlp_engine(nlp_config)
        _disable_unused_pipes(nlp_engine)
        nlp = getattr(nlp_engine, "nlp", {}).get(language)
        self._tag_later = defer_tagger(nlp) if nlp is not None else None  # tagged only when a recognizer asks
        self._zone = _memory_zone(nlp)
        self.language = language
        self.entities = list(entities) if entities else None
        registry = build_registry(recognizers, language)
        if prechecks:
            install_prechecks(registry.recognizers)  # identical results, fewer regex scans (prechecks.py)
        self.engine = Analyzer(
            nlp_engine=nlp_engine,
            registry=registry,
            supported_languages=[language],
            default_score_threshold=score_threshold,
            context_aware_enhancer=_no_context_enhancer(),
        )
        self.threshold = score_threshold
        self._askers = askers(registry.recognizers)  # what may ask for proper nouns (tagging.asks_for_tags)
        self.model_names = [m.get("model_name") for m in _read_yaml(nlp_config).get("models", [])]

    def analyze(self, text: str, extra: Sequence[Any] = ()) -> list[Span]:
        """Spans in ``text``. ``extra`` are ad-hoc recognizers for this case (known people)."""
        return self.analyze_many([text], extra)[0]

    def analyze_many(self, texts: Sequence[str], extra: Sequence[Any] = (), batch_size: int = PIPE_BATCH) -> list[list[Span]]:
        """Spans for each of ``texts``, in order: the same spans ``analyze`` finds, one spaCy ``pipe`` for all.

        spaCy runs once over the batch (``nlp.pipe``); Presidio's recognizers then run per text
        with the precomputed NLP artifacts. Texts longer than a chunk go window by window.
        """
        with self._zone():  # what spaCy learns of these texts (strings, words, tokenizer cache) is freed after them
            return self._analyze_many(texts, extra, batch_size)

    def _analyze_many(self, texts: Sequence[str], extra: Sequence[Any], batch_size: int) -> list[list[Span]]:
        norms = [normalise(_SURROGATE.sub("\ufffd", t)) if t and t.strip() else None for t in texts]
        short = [n.text for n in norms if n is not None and len(n.text) <= CHUNK]
        artifacts = self._artifacts(short, batch_size)
        out: list[list[Span]] = []
        for norm in norms:
            if norm is None:
                out.append([])
                continue
            if len(norm.text) <= CHUNK:
                windows = [(0, norm.text, next(artifacts))]
            else:
                windows = [(offset, chunk, None) for offset, chunk in _chunks(norm.text)]  # spaCy window by window
            out.append(self._spans(norm, windows, extra))
        return out

    def _artifacts(self, texts: Sequence[str], batch_size: int) -> Iterator[Any]:
        """Presidio's NLP artifacts of ``texts`` (one spaCy ``pipe``), each able to tag its text later;
        the texts a recognizer will ask about are tagged now, a batch at a time."""
        entities = self.entities or self.engine.get_supported_entities(self.language)  # what analyze passes
        for start in range(0, len(texts), batch_size):
            part = list(texts[start : start + batch_size])
            found = list(self.engine.artifacts(part, self.language, batch_size))
            if self._tag_later is not None:
                self._tag_later([nlp.tokens for nlp in found if asks_for_tags(nlp, self._askers, entities)])
                for nlp in found:
                    nlp.tokens.user_data[TAG_LATER] = self._tag_later
            yield from found

    def _spans(self, norm: Any, windows: Sequence[tuple[int, str, Any]], extra: Sequence[Any]) -> list[Span]:
        spans: dict[tuple[int, int, str], Span] = {}
        english = language_of(norm.text) == "en"  # another language: no English NER, language-independent recognizers only
        for offset, chunk, nlp in windows:
            if english:
                nlp = nlp if nlp is not None else next(self._artifacts([chunk], 1))
                results = self.engine.analyze(
                    chunk,
                    language=self.language,
                    entities=self.entities,
                    return_decision_process=True,
                    ad_hoc_recognizers=list(extra) or None,
                    nlp_artifacts=nlp,
                )
            else:
                results = self._independent(chunk, extra)
            for r in results:
                span = _to_span(r, offset)
                key = (span.start, span.end, span.entity)
                if key not in spans or spans[key].score < span.score:
                    spans[key] = span
        resolved = resolve(norm.text, list(spans.values()))
        if norm.kept is None:
            return resolved
        return [replace(s, start=a, end=b) for s in resolved for a, b in [norm.span(s.start, s.end)]]

    def _independent(self, text: str, extra: Sequence[Any]) -> list[Any]:
        """Results of the recognizers that do not depend on English (patterns, checksums, lexicons of
        names, known people), without the spaCy pipeline."""
        out = []
        for recognizer in [*self.engine.registry.recognizers, *extra]:
            if recognizer.name in ENGLISH_ONLY:
                continue
            wanted = [e for e in recognizer.supported_entities if self.entities is None or e in self.entities]
            if wanted:
                out += [r for r in recognizer.analyze(text, wanted, None) if r.score >= self.threshold]
        return out


def _memory_zone(nlp: Any) -> Any:
    """spaCy's ``memory_zone`` of ``nlp`` (a no-op without one). spaCy keeps every new word it meets (strings,
    lexemes, the tokenizer's cache): a worker reading a million address-book cards grew by about 2 MB per 1,000.
    Inside a zone they are freed when it ends; the spans returned are plain records, so nothing outlives it."""
    zone = getattr(nlp, "memory_zone", None)
    return zone if zone is not None else contextlib.nullcontext


def _to_span(result: Any, offset: int) -> Span:
    meta = result.recognition_metadata or {}
    expl = result.analysis_explanation
    explanation: dict[str, Any] = {}
    if expl is not None:
        explanation = {
            "recognizer": expl.recognizer,
            "pattern_name": expl.pattern_name,
            "original_score": expl.original_score,
            "score_context_improvement": expl.score_context_improvement,
            "supportive_context_word": expl.supportive_context_word,
            "validation_result": expl.validation_result,
            "textual_explanation": expl.textual_explanation,
        }
    recognizer = str(meta.get("recognizer_name") or (expl.recognizer if expl else "unknown"))
    explanation |= {k: meta[k] for k in EXTRA_METADATA if meta.get(k) is not None}
    return Span(result.start + offset, result.end + offset, result.entity_type, round(float(result.score), 4), recognizer, explanation)


def _chunks(text: str) -> list[tuple[int, str]]:
    """Windows of at most CHUNK characters overlapping by OVERLAP, cut at whitespace where possible."""
    if len(text) <= CHUNK:
        return [(0, text)]
    out, start = [], 0
    while start < len(text):
        end = min(len(text), start + CHUNK)
        if end < len(text):
            cut = text.rfind(" ", start + CHUNK - OVERLAP // 2, end)
            end = cut if cut > start else end
        out.append((start, text[start:end]))
        if end >= len(text):
            break
        start = max(end - OVERLAP, start + 1)
        space = text.find(" ", start, end)
        start = space + 1 if space != -1 else start
    return out
