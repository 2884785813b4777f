"""The address-label recognizer's pre-check (``address_label.could_hold_one``): a text it turns away holds no label, heading,
field or cue, so the recognizer finds there exactly what it found without it; most chat messages are turned away."""

from __future__ import annotations

import re

import pytest

from redactor.detect.recognizers import address_label
from redactor.detect.recognizers.address_label import (
    FIELD,
    HEADING,
    LABEL,
    POSTCODE_LABEL,
    SENTENCE_CUE,
    STEMS,
    AddressLabelRecognizer,
    could_hold_one,
)
from redactor.detect.recognizers.street_words import CUE

PATTERNS = (LABEL, HEADING, POSTCODE_LABEL, FIELD, SENTENCE_CUE)


def _phrases(alternation: str) -> list[str]:
    """The words and phrases of a regex alternation of literals, with their optional parts left out and put in
    ("lives?[ ](?:at|in|on)" gives "live at", "lives at", ...): enough to write a text each pattern matches."""
    out = []
    for branch in re.split(r"\|(?![^(]*\))", alternation):
        branch = branch.replace("[ ]", " ").replace("(?<![\\w])", "")
        expanded = [branch]
        for _ in range(4):
            nxt = []
            for b in expanded:
                m = re.search(r"\((?:\?:)?([^()]*)\)(\?)?|(\w)\?|\[(\w+)\]", b)
                if m is None:
                    nxt.append(b)
                    continue
                if m.group(1) is not None:
                    options = m.group(1).split("|") + ([""] if m.group(2) else [])
                elif m.group(3) is not None:
                    options = [m.group(3), ""]
                else:
                    options = list(m.group(4))
                nxt += [b[: m.start()] + o + b[m.end() :] for o in options]
            expanded = nxt
        out += [e for e in expanded if re.fullmatch(r"[^\\()\[\]?*+{}]+", e)]
    return out


CUE_PHRASES = _phrases(CUE[3:-1])
WORD_PHRASES = _phrases(address_label.WORDS)


def test_the_phrases_are_read_from_the_patterns() -> None:
    assert {"lives at", "living on", "moved to", "meet me at", "ship it to", "по адресу", "address is"} <= set(CUE_PHRASES)
    assert {"address", "addresses", "anschrift", "cím", "адреса проживання"} <= set(WORD_PHRASES)


@pytest.mark.parametrize("phrase", CUE_PHRASES + WORD_PHRASES)
def test_every_cue_and_address_word_passes(phrase: str) -> None:
    for written in (phrase, phrase.upper(), phrase.title()):
        assert could_hold_one(f"x {written} y"), written


def _texts() -> list[str]:
    out = []
    for phrase in CUE_PHRASES + WORD_PHRASES:
        out += [
            f"{phrase.capitalize()}: 12 Mill Road, Leeds",
            f"{phrase.upper()}:\n12 Mill Road\nLeeds LS1 1AA",
            f"She said {phrase} 12 Rua do Arenque, Goiânia last week",
            f'{{"{phrase}": "12 Mill Road"}}',
        ]
    for verb in ("ship", "bill", "sold", "remit", "deliver", "mail", "send", "invoice", "Visit us", "Find us", "Visit", "find"):
        out.append(f"{verb} {'at' if verb.lower().startswith(('visit', 'find')) else 'to'}:\n5 Elm Road\nYork YO1 7HH")
    for verb in ("sent", "posted", "shipped", "mailed", "forwarded", "delivered", "moved", "lived", "send", "post", "forward"):
        out += [f"I {verb} the papers to 5 Elm Road, York", f"they {verb} it to Harnet Avenue, Asmara", f"{verb} at 9 Oak Lane, Hull"]
    for label in ("Postcode", "Post code", "Postal code", "ZIP", "zip code", "PLZ/Ort", "Code postal", "Código postal", "CEP",
                  "Kod pocztowy", "Postnummer", "Postinumero", "Irányítószám", "Почтовый индекс", "Индекс"):  # fmt: skip
        out += [f"{label}: 10115 Berlin", f"{label} | 26133"]
    out += ["ADDR='9 Elm Road'", "shipping_address: '9 Elm Road'", "ſend it to 9 Elm Road, Leeds", "ＡＤＤＲＥＳＳ: 9 Elm Road"]
    return out


def test_each_pattern_matches_only_where_the_precheck_passes() -> None:
    texts = _texts()
    matched = 0
    for text in texts:
        for pattern in PATTERNS:
            for m in pattern.finditer(text):
                matched += 1
                assert could_hold_one(text), (pattern.pattern[:40], text)
                assert could_hold_one(m.group(0)) or pattern in (LABEL, HEADING, POSTCODE_LABEL), text
    assert matched > len(texts) // 2


def test_the_recognizer_finds_the_same_with_and_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts() + ["coming round on friday", "meet at 12 Mock Avenue, ZZ78 5XY at 7pm", "ok", "Home address\n5 Elm Road"]
    recognizer = AddressLabelRecognizer()

    def found() -> list[list[tuple[int, int, str]]]:
        return [[(r.start, r.end, r.entity_type) for r in recognizer.analyze(t, ["STREET_ADDRESS"])] for t in texts]

    with_check = found()
    monkeypatch.setattr(address_label, "could_hold_one", lambda text: True)
    assert found() == with_check
    assert sum(map(bool, with_check)) > len(texts) // 2


def test_most_chat_messages_are_turned_away() -> None:
    chat = ["tell megan I said sorry about last night", "amir and megan are coming round on friday", "what time?", "haha",
            "call me on 07700 900970 when you get this", "did ellie say anything about saturday?", "night x", "👍"]  # fmt: skip
    assert not any(could_hold_one(t) for t in chat)
    assert could_hold_one("my address is 5 Elm Road") and could_hold_one("meet at 12 Mock Avenue")


def test_the_stems_are_lower_case_and_each_ascii_one_is_used_for_ascii_texts() -> None:
    assert all(stem == stem.lower() for stem in STEMS)
    assert could_hold_one("the Kelvin sign: ADDRESS") and not could_hold_one("the Kelvin sign")
