"""The merge policy: one flag per piece of text, never across a line, nothing strong hidden."""

from __future__ import annotations

import pytest

from redactor.detect.merge import Found, resolve


def span(text: str, part: str, entity: str, score: float = 0.8, recognizer: str = "r", nth: int = 0) -> Found:
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Found(start, start + len(part), entity, score, recognizer, {})


def texts(text: str, spans: list[Found]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.entity) for s in resolve(text, spans)]


def test_names_are_cut_at_line_breaks_and_form_labels_dropped():
    text = "Statement of: Hannah Okafor\nAge: over 18"
    assert texts(text, [span(text, "Hannah Okafor\nAge", "PERSON", recognizer="SpacyRecognizer")]) == [("Hannah Okafor", "PERSON")]


def test_a_wrapped_name_keeps_both_lines():
    text = "seen by Hannah\nOkafor today"
    assert texts(text, [span(text, "Hannah\nOkafor", "PERSON")]) == [("Hannah", "PERSON"), ("Okafor", "PERSON")]


def test_url_inside_an_email_is_dropped():
    text = "mail jo.bloggs@example.com now"
    spans = [span(text, "jo.bloggs@example.com", "EMAIL_ADDRESS", 1.0), span(text, "example.com", "URL", 0.5)]
    assert texts(text, spans) == [("jo.bloggs@example.com", "EMAIL_ADDRESS")]


def test_postcode_inside_an_address_is_absorbed_and_listed():
    text = "at 12 Mill Lane, Leeds LS6 2AB."
    spans = [span(text, "12 Mill Lane, Leeds LS6 2AB", "STREET_ADDRESS", 0.85), span(text, "LS6 2AB", "UK_POSTCODE", 0.9)]
    [kept] = resolve(text, spans)
    assert kept.entity == "STREET_ADDRESS"
    assert kept.explanation["merged"] == [{"entity": "UK_POSTCODE", "recognizer": "r", "score": 0.9}]


def test_same_entity_overlaps_become_their_union():
    text = "PC 2231 Davies and Hannah Okafor"
    spans = [
        span(text, "PC 2231 Davies", "PERSON", 0.9),
        span(text, "Davies", "PERSON", 0.85),
        span(text, "Hannah Okafor", "PERSON", 0.8),
        span(text, "Okafor", "PERSON", 0.85),
    ]
    assert texts(text, spans) == [("PC 2231 Davies", "PERSON"), ("Hannah Okafor", "PERSON")]
    assert [s.score for s in resolve(text, spans)] == [0.9, 0.85]


def test_a_weak_container_never_hides_a_strong_identifier():
    text = "Rose Cottage 07700 900123"
    spans = [span(text, text, "PERSON", 0.4), span(text, "07700 900123", "PHONE_NUMBER", 0.85)]
    assert sorted(e for _, e in texts(text, spans)) == ["PERSON", "PHONE_NUMBER"]


@pytest.mark.parametrize(
    ("first", "second", "kept"),
    [
        ("UK_NHS", "PHONE_NUMBER", "UK_NHS"),
        ("PERSON", "LOCATION", "PERSON"),
        ("SPECIAL_CATEGORY", "NRP", "SPECIAL_CATEGORY"),
    ],
)
def test_same_span_keeps_the_most_specific_entity(first, second, kept):
    text = "value 943 476 5919 end"
    spans = [span(text, "943 476 5919", second, 0.9), span(text, "943 476 5919", first, 0.8)]
    assert texts(text, spans) == [("943 476 5919", kept)]


def test_ner_person_with_digits_is_dropped():
    text = "the flat in Leeds LS6 2AB earlier"
    spans = [span(text, "Leeds LS6 2AB", "PERSON", 0.85, "SpacyRecognizer"), span(text, "LS6 2AB", "UK_POSTCODE", 0.9)]
    assert texts(text, spans) == [("LS6 2AB", "UK_POSTCODE")]


@pytest.mark.parametrize(
    ("text", "ner", "name", "contact", "entity"),
    [
        ("Tovkar Lemsin +1 463 935 5927", "Tovkar Lemsin +1", "Tovkar Lemsin", "+1 463 935 5927", "PHONE_NUMBER"),
        (
            "Vardoq Quimbel - vq1676@example.org",
            "Vardoq Quimbel - vq1676@example.org",
            "Vardoq Quimbel",
            "vq1676@example.org",
            "EMAIL_ADDRESS",
        ),
        ("Amélie Tovkar, (60) 99273-5589", "Amélie Tovkar, (60)", "Amélie Tovkar", "(60) 99273-5589", "PHONE_NUMBER"),
    ],
)
def test_ner_person_that_takes_in_a_contact_keeps_the_name(text, ner, name, contact, entity):
    # spaCy's span runs on into the phone or e-mail after a name; it used to be dropped whole for its digits
    spans = [span(text, ner, "PERSON", 0.85, "SpacyRecognizer"), span(text, contact, entity, 0.9)]
    assert texts(text, spans) == [(name, "PERSON"), (contact, entity)]


def test_ner_person_before_a_short_number_is_still_a_misfire():
    text = "Flight BA 1442 departs Terminal 5 at 06:20."
    assert texts(text, [span(text, "Terminal 5 at 06:20", "PERSON", 0.85, "SpacyRecognizer")]) == []


@pytest.mark.parametrize("role", ["Complainant", "Witness's"])
def test_ner_role_words_are_not_names(role):
    text = f"the {role} card"
    assert texts(text, [span(text, role, "PERSON", 0.85, "SpacyRecognizer")]) == []


def test_possessive_is_not_part_of_a_name():
    text = "at Sophie's flat"
    assert texts(text, [span(text, "Sophie's", "PERSON")]) == [("Sophie", "PERSON")]


@pytest.mark.parametrize(
    ("text", "ner", "kept"),
    [
        ("ya girl 💕 lol", "ya girl 💕", [("ya girl", "PERSON")]),
        ("omg 😩 😩", "😩 😩", []),  # nothing but emoji: no name at all
        ("love ❤️ Kerys ❤️", "❤️ Kerys ❤️", [("Kerys", "PERSON")]),
        ("Zoë-Ann 👋", "Zoë-Ann 👋", [("Zoë-Ann", "PERSON")]),
    ],
)
def test_emoji_and_symbols_are_no_part_of_a_name(text, ner, kept):
    assert texts(text, [span(text, ner, "PERSON", 0.85, "SpacyRecognizer")]) == kept


@pytest.mark.parametrize(
    ("text", "ner", "kept"),
    [
        ("LOL Kerys did it again", "LOL Kerys", [("Kerys", "PERSON")]),
        ("saw martin lmao", "martin lmao", [("martin", "PERSON")]),
        ("LOLOLOLOL", "LOLOLOLOL", []),
        ("link https : / / t.co", "https", []),
        ("Lola Haha", "Lola Haha", [("Lola", "PERSON")]),  # a name that starts like an interjection stays
    ],
)
def test_chat_interjections_are_no_part_of_a_name(text, ner, kept):
    assert texts(text, [span(text, ner, "PERSON", 0.85, "SpacyRecognizer")]) == kept


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        ("sent IMG-20240301-WA0003.jpg today", "IMG-20240301-WA0003.jp", []),
        ("see https://example.com/a_b today", "https://example.com/a", [("https://example.com/a_b", "URL")]),
        ("see example.com today", "example.com", [("example.com", "URL")]),
    ],
)
def test_urls_cut_inside_a_word(text, url, expected):
    assert texts(text, [span(text, url, "URL", 0.6)]) == expected


def test_nothing_in_nothing_out():
    assert resolve("", []) == []


def test_a_url_holding_a_handle_is_kept_and_absorbs_it():
    text = "follow tiktok.com/@chlo3xo now"
    spans = [span(text, "tiktok.com/@chlo3xo", "URL", 0.6), span(text, "@chlo3xo", "SOCIAL_HANDLE", 0.9)]
    assert texts(text, spans) == [("tiktok.com/@chlo3xo", "URL")]


@pytest.mark.parametrize(
    ("text", "value", "kept"),
    [
        ("I sent Mary Jones.docx to you", "Mary Jones.docx", "Mary Jones"),
        ("Photo: Tovkar Lemsin.JPG", "Tovkar Lemsin.JPG", "Tovkar Lemsin"),
        ("voice note Ilse Maarten.opus", "Ilse Maarten.opus", "Ilse Maarten"),
        ("ask j.smith about it", "j.smith", "j.smith"),  # no file extension: the whole name stays
    ],
)
def test_a_file_named_after_a_person_is_flagged_without_its_extension(text, value, kept):
    assert texts(text, [span(text, value, "PERSON", 0.85, "SpacyRecognizer")]) == [(kept, "PERSON")]


@pytest.mark.parametrize(
    ("text", "value", "kept"),
    [
        ("Адрес: ул. Ленина 5", "Адрес", []),
        ("Τηλέφωνο: 210 123 4567", "Τηλέφωνο", []),
        ("Nazwisko: Kowalska", "Nazwisko", []),
        ("Address: 12 Mill Lane", "Address", []),
        ("Иван: привет, как дела", "Иван", [("Иван", "PERSON")]),  # a speaker's name before a colon stays
        ("Адрес Ивана не знаю", "Адрес", [("Адрес", "PERSON")]),  # no colon: not read as a label here
    ],
)
def test_a_form_label_before_a_colon_is_no_person(text, value, kept):
    assert texts(text, [span(text, value, "PERSON", 0.85, "SpacyRecognizer")]) == kept
