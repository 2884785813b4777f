"""Fuzzing the binary parsers of the app readers with hypothesis: a Telegram TL message object and a Snapchat
message_content buffer, whatever their bytes, give words (or a notice) or fail with the parser's own error (the message
refused alone), never another exception, and never words that are not the object's own bytes decoded."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor.extract.device import protobuf, snapchat
from redactor.extract.device import telegram_android as tg
from tests.extract.device.generated.snapchat import content
from tests.extract.device.generated.telegram_android import WHEN, message, old_message, peer

FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHANGES = st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6)


def _mutated(data: bytes, changes: list[tuple[int, int]], cut: int) -> bytes:
    out = bytearray(data)
    for at, value in changes:
        out[at % len(out)] = value
    return bytes(out[: max(1, len(out) - cut)])


def _objects() -> list[bytes]:
    return [
        message(1, 5001, peer(4000), "Are you home? Flat 2", WHEN),
        message(2, 5001, peer(4000), "forwarded words", WHEN, forwarded=True),
        old_message(3, 5002, peer(7001, chat=True), "older layout", WHEN),
    ]


@FUZZ
@given(st.integers(0, 2), CHANGES, st.integers(0, 30), st.sampled_from([WHEN, WHEN + 1, None, 0, 1 << 40]))
def test_a_telegram_object_changed_anywhere_gives_its_own_words_or_is_refused(which, changes, cut, date):
    data = _mutated(_objects()[which], changes, cut)
    try:
        found = tg.read_message(data, date)
    except tg.TLError:
        return
    text = found.get("text")
    assert text is None or text.encode("utf-8") in data  # words are the object's own bytes, never made up


@FUZZ
@given(st.binary(max_size=300), st.sampled_from([WHEN, None]))
def test_any_bytes_as_a_telegram_object_give_words_or_a_refusal(data, date):
    try:
        found = tg.read_message(data, date)
    except tg.TLError:
        return
    assert found.get("text") is None or found["text"].encode("utf-8") in data


@FUZZ
@given(CHANGES, st.integers(0, 30))
def test_a_snapchat_buffer_changed_anywhere_gives_its_own_words_or_is_refused(changes, cut):
    data = _mutated(content("0b7e-sender", "conv", 1, "Meet at Hollins Road", WHEN), changes, cut)
    try:
        words = snapchat._words(data)
    except protobuf.WireError:
        return
    assert words.encode("utf-8") in data


@FUZZ
@given(st.binary(max_size=300))
def test_any_bytes_as_a_snapchat_buffer_give_words_or_a_refusal(data):
    try:
        assert snapchat._words(data).encode("utf-8") in data
    except protobuf.WireError:
        pass
