"""Part-of-speech tags only for the texts that need them.

Two recognizers ask whether a word is a proper noun (``names.py``: two capitalised words that are
neither listed names nor English words; ``ner.py``: a one-word organisation). Most texts never
reach that question, and in the small English model the tagger and the shared ``tok2vec`` it
listens to cost as much as a third of the spaCy pass, while NER has its own embedding layer.
So the detector turns both off in ``nlp.pipe`` (``defer_tagger``) and a text is tagged, on its
own, the first time a recognizer asks (``ProperNouns``). A text is tagged in isolation exactly
as in a batch: each document's embeddings and tags depend on that document only.

Tagging one document at a time costs many times its share of a batch, so the detector tags, in
one batch, the texts likely to be asked about (``likely_asked``: two capitalised words in a row,
or a named organisation). That guess only saves time: a text it leaves out is still tagged on
its own when a recognizer asks.

PROPN is read from the fine-grained tag (``PROPN_TAGS``), which is all the attribute ruler
would do here (``engine._propn_is_tag_only`` checks that before turning the ruler off).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from redactor.detect.recognizers.letters import NAME_WORD

PROPN_TAGS = frozenset({"NNP", "NNPS"})  # the fine-grained tags English pipelines map to PROPN
TAG_LATER = "redactor.tag_later"  # Doc.user_data key: runs the deferred components on that doc


_TWO_NAME_WORDS = re.compile(NAME_WORD + "[ ]" + NAME_WORD)
_ORGANISATIONS = {"ORG", "ORGANIZATION"}


def likely_asked(doc: Any) -> bool:
    """Whether a recognizer will probably ask for this text's proper nouns (a guess; see above)."""
    return bool(_TWO_NAME_WORDS.search(doc.text)) or any(e.label_ in _ORGANISATIONS for e in doc.ents)


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
