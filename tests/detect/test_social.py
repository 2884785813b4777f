"""Hashtags and runs of @handles that NER guesses misread as names (redactor/detect/social.py).

Every text is written for the test; the handles and tags are made up."""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve


def guess(text: str, part: str, recognizer: str = "SpacyRecognizer") -> Found:
    start = text.index(part)
    return Found(start, start + len(part), "PERSON", 0.85, recognizer, {})


def kept(text: str, spans: list[Found]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, spans)]


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("Get a shirt for #ValentinesDay this week", "ValentinesDay"),  # every part an ordinary word
        ("Watching the #WorldCup final", "WorldCup"),
        ("#TBT to the summer", "TBT"),  # an acronym
        ("clear skies tonight #astronomy", "astronomy"),  # a lower-case English word
        ("line-up announced #gaa", "gaa"),  # a short lower-case tag
        ("#LimitedEdition prints", "#LimitedEdition"),  # the guess takes in the '#'
        ("20 min to #DealWithIt east coast", "DealWithIt"),  # words of two letters count as English words
        ("#iLoveWater and so does the town", "iLoveWater"),
        ("tackling slavery in #supplychains", "supplychains"),  # a lower-case tag that splits into English words
        ("Nice way to start the day ! #kindawesome", "kindawesome"),
        ("UK calls for #Sweden to pay", "Sweden"),  # a country that is no common given name
        ("picnic at #GrovelandPark today", "GrovelandPark"),  # a tag that ends in a place or venue word
        ("best buns in town #MarthaBakery", "MarthaBakery"),
        ("sunset over #TrelleckBay", "TrelleckBay"),
        ("gig tonight #OrsonWellmanHall", "OrsonWellmanHall"),
    ],
)
def test_a_guess_inside_a_hashtag_with_no_name_is_dropped(text, part):
    assert kept(text, [guess(text, part)]) == []


@pytest.mark.parametrize(
    ("text", "part"),
    [
        ("So proud of you #TeamXtorva", "TeamXtorva"),  # a word no list holds
        ("Playing #BobMarley all day", "BobMarley"),  # a listed name in it
        ("RIP #laurenvexley", "laurenvexley"),  # lower case, long, no English word
        ("great night #OXOVELMAREVIVAL", "OXOVELMAREVIVAL"),  # capitals, longer than an acronym
        ("Spoke to Hannah Okafor today", "Hannah Okafor"),  # no hashtag at all
        ("so sad #jackvexley", "jackvexley"),  # splits into words, but one is a given name in common use
        ("thinking of #Jordan today", "Jordan"),  # a country that is also a common given name
        ("Go #TeamKezOn", "TeamKezOn"),  # a part that is no word
        ("happy birthday #JamesHall", "JamesHall"),  # a surname that is also a venue word, after a given name
        ("watching #ClaraVoskChat", "ClaraVoskChat"),  # a show named after a person
    ],
)
def test_a_hashtag_that_may_hold_a_name_keeps_its_flag(text, part):
    tag = f"#{part}" if f"#{part}" in text else part  # a name that starts a tag is the whole tag, '#' included
    assert kept(text, [guess(text, part)]) == [(tag, "PERSON")]


def test_a_known_person_or_a_rule_inside_a_hashtag_is_never_dropped():
    text = "Thinking of #WorldCup"
    assert kept(text, [guess(text, "WorldCup", "KnownPeopleRecognizer")]) == [("#WorldCup", "PERSON")]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("@qorvexdan Yep , see you there", "@qorvexdan Yep", []),  # the handle is flagged on its own
        ("@vexa_k @trimblejo Good luck babe", "@vexa_k @trimblejo Good", []),
        ("@zandrela Kerys Vantreece 's party", "@zandrela Kerys Vantreece", [("Kerys Vantreece", "PERSON")]),
        ("@Quorvex Hilton 's party", "@Quorvex Hilton", [("Hilton", "PERSON")]),
    ],
)
def test_an_ner_span_running_from_handles_into_words_keeps_only_a_name_after_them(text, part, expected):
    assert kept(text, [guess(text, part)]) == expected


def test_with_the_handle_recognizer_the_handles_stay_flagged():
    text = "@qorvexdan Yep , see you there"
    handle = Found(0, 10, "SOCIAL_HANDLE", 0.7, "SocialHandleRecognizer", {})
    assert kept(text, [guess(text, "@qorvexdan Yep"), handle]) == [("@qorvexdan", "SOCIAL_HANDLE")]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("on why rates could rise http://t.co/BWAyNFHdBI", "http://t.co/BWAyNFHdBI", []),  # a link is no name
        ("heading north . #mradventure http://t.co/yGoMnfTxuJ", "mradventure http://t.co/yGoMnfTxuJ", [("#mradventure", "PERSON")]),
        ("see www.example.org/kez now", "www.example.org/kez", []),
        ("Kerys Vantreece http://t.co/x1", "Kerys Vantreece http://t.co/x1", [("Kerys Vantreece", "PERSON")]),
    ],
)
def test_a_guess_stops_before_a_link(text, part, expected):
    assert kept(text, [guess(text, part)]) == expected


def test_a_rule_or_known_person_with_a_link_is_left_alone():
    text = "Kerys http://t.co/x1"
    assert kept(text, [guess(text, text, "KnownPeopleRecognizer")]) == [(text, "PERSON")]


@pytest.mark.parametrize(
    ("text", "part", "expected"),
    [
        ("Big night for #NoraHalloran at the awards", "NoraHalloran", "#NoraHalloran"),  # the '#' is part of the name
        ("join us for #DeclanLive on Friday", "Declan", "#DeclanLive"),  # a given name that starts a tag: the whole tag
        ("so proud of #teamosei today", "teamosei", "#teamosei"),
    ],
)
def test_a_name_that_starts_a_hashtag_is_the_whole_tag(text, part, expected):
    assert (expected, "PERSON") in kept(text, [guess(text, part)])


def test_a_name_inside_a_tag_but_not_at_its_start_or_outside_one_is_left_alone():
    text = "Thanks Nora, see #MeetNora and Nora#5"
    assert kept(text, [guess(text, "Nora")]) == [("Nora", "PERSON")]
    start = text.index("MeetNora") + 4
    assert kept(text, [Found(start, start + 4, "PERSON", 0.85, "SpacyRecognizer", {})]) == [("Nora", "PERSON")]
