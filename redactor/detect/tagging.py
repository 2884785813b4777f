"""Part-of-speech tags only for the texts that need them.

Two recognizers ask whether a word is a proper noun (``names.py``: two capitalised words that are
neither listed names nor English words; ``ner.py``: a one-word organisation). Most texts never
reach that question, and in the small English model the tagger and the shared ``tok2vec`` it
listens to cost as much as a third of the spaCy pass, while NER has its own embedding layer.
So the detector turns both off in ``nlp.pipe`` (``defer_tagger``) and a text is tagged, on its
own, the first time a recognizer asks (``ProperNouns``). A text is tagged in isolation exactly
as in a batch: each document's embeddings and tags depend on that document only.

Tagging one document at a time costs about three times its share of a batch, so the detector
tags, in one batch, the texts a recognizer will ask about. It finds them without tagging
(``asks_for_tags``): a cheap guess first (``likely_asked``: two capitalised words in a row, neither an ordinary
English word, or a named organisation), then the recognizers that can ask (``askers``: those defined in a module that
uses ``ProperNouns``) run over each guessed text with a tagger that stops them at their first
question. Only the texts where one asks are tagged in the batch; their results are thrown away
and worked out again, with tags, by the analyzer. Both steps only save time: a text they leave
out is still tagged on its own when a recognizer asks, so the results never depend on them.

PROPN is read from the fine-grained tag (``PROPN_TAGS``), which is all the attribute ruler
would do here (``engine._propn_is_tag_only`` checks that before turning the ruler off).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from redactor.detect.name_lists import is_english_word, is_name_word
from redactor.detect.recognizers.letters import NAME_WORD

PROPN_TAGS = frozenset({"NNP", "NNPS"})  # the fine-grained tags English pipelines map to PROPN
TAG_LATER = "redactor.tag_later"  # Doc.user_data key: runs the deferred components on that doc


_NAME_WORD_PAIR = re.compile(f"({NAME_WORD})(?=[ ]({NAME_WORD}))")  # each two name words in a row, overlapping
_ORGANISATIONS = {"ORG", "ORGANIZATION"}


def likely_asked(doc: Any) -> bool:
    """Whether a recognizer will probably ask for this text's proper nouns (a guess; see above): two capitalised words
    in a row of which neither is an ordinary English word that no name list holds (``names.py`` asks about no other
    pair: "Mock Avenue", "Sample Street" are read without tags), or a named organisation (``ner.py``)."""
    if any(not _plain_word(a) and not _plain_word(b) for a, b in _NAME_WORD_PAIR.findall(doc.text)):
        return True
    return any(e.label_ in _ORGANISATIONS for e in doc.ents)


def _plain_word(word: str) -> bool:
    """An ordinary English word that no name list holds (``names._english``)."""
    return is_english_word(word) and not is_name_word(word)


class _Asked(Exception):
    """A recognizer asked for proper nouns (raised by the probing tagger of ``asks_for_tags``)."""


def _stop(docs: Sequence[Any]) -> None:
    raise _Asked


def askers(recognizers: Iterable[Any]) -> list[Any]:
    """The recognizers that can ask for proper nouns: those whose class is defined in a module that
    uses ``ProperNouns`` (a recognizer missed here is still answered, its text tagged on its own)."""
    return [r for r in recognizers if getattr(sys.modules.get(type(r).__module__), "ProperNouns", None) is ProperNouns]


def asks_for_tags(nlp_artifacts: Any, recognizers: Sequence[Any], entities: list[str]) -> bool:
    """Whether one of ``recognizers`` asks for the proper nouns of this text (``analyze`` with these
    arguments, the ones the analyzer passes). The text is not tagged: the first question stops them."""
    doc = nlp_artifacts.tokens
    if not likely_asked(doc):
        return False
    before = doc.user_data.get(TAG_LATER)
    doc.user_data[TAG_LATER] = _stop
    try:
        for recognizer in recognizers:
            recognizer.analyze(doc.text, entities, nlp_artifacts)
    except _Asked:
        return True
    finally:
        if before is None:
            del doc.user_data[TAG_LATER]
        else:
            doc.user_data[TAG_LATER] = before
    return False


def defer_tagger(nlp: Any) -> Callable[[Sequence[Any]], None] | None:
    """Turn off ``tok2vec`` and ``tagger`` when nothing else listens to that ``tok2vec`` and the
    attribute ruler is off; returns what tags documents later (None: nothing was deferred)."""
    if "tagger" not in nlp.pipe_names or "attribute_ruler" in nlp.pipe_names or "parser" in nlp.pipe_names:
        return None
    names = [n for n in ("tok2vec", "tagger") if n in nlp.pipe_names]
    if "tok2vec" in names and set(getattr(nlp.get_pipe("tok2vec"), "listening_components", ())) - {"tagger", "parser"}:
        return None  # NER (or another component) reads the shared embeddings
    components = [nlp.get_pipe(n) for n in names]
    for name in names:
        nlp.disable_pipe(name)

    def tag(docs: Sequence[Any]) -> None:
        """Tag ``docs`` in place, as one batch."""
        for component in components:
            for _ in component.pipe(docs, batch_size=max(1, len(docs))):
                pass

    return tag


def proper_nouns(nlp_artifacts: Any, not_person: set[str]) -> set[int]:
    """Start offsets of tokens tagged as proper nouns outside a non-person named entity."""
    doc = getattr(nlp_artifacts, "tokens", None)
    if doc is None:
        return set()
    try:
        later = doc.user_data.get(TAG_LATER)
        if later is not None and not doc.has_annotation("TAG"):
            later([doc])
        return {t.idx for t in doc if (t.tag_ in PROPN_TAGS or t.pos_ == "PROPN") and not t.is_space and t.ent_type_ not in not_person}
    except AttributeError:
        return set()


class ProperNouns:
    """``proper_nouns``, worked out (and the text tagged) on the first ``in``."""

    __slots__ = ("_artifacts", "_found", "_not_person")

    def __init__(self, nlp_artifacts: Any, not_person: set[str]) -> None:
        self._artifacts, self._not_person = nlp_artifacts, not_person
        self._found: set[int] | None = None

    def __contains__(self, offset: object) -> bool:
        if self._found is None:
            self._found = proper_nouns(self._artifacts, self._not_person)
        return offset in self._found
