"""The holder of a copyright notice is flagged when it has a person's shape (recognizers/copyright.py).

Every notice here is written for the test; the names are made up or common given names and surnames."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.copyright import CopyrightHolderRecognizer, person_holder

LICENCE_TAIL = (
    "\n\nPermission is hereby granted to anyone who receives a copy of this software to use, copy, change, merge,\n"
    'publish and/or sell it, provided that this License is kept with every copy. It is provided "AS IS", without warranty.'
)


def holders(text: str) -> list[str]:
    recognizer = CopyrightHolderRecognizer()
    return [text[r.start : r.end] for r in recognizer.analyze(text, ["PERSON"])]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Copyright (c) 2031 Tovkar Lemsin", ["Tovkar Lemsin"]),
        ("(C) 2019, 2021 Vorel Tasquin and J. R. Okonkwo-Baird", ["Vorel Tasquin", "J. R. Okonkwo-Baird"]),
        ("© 2020-2024 Mira van der Lenk & Ilse Maarten. All rights reserved.", ["Mira van der Lenk", "Ilse Maarten"]),
        ("Copyright 2014 by Anneke Drosselmeyer <ad@example.org>", ["Anneke Drosselmeyer"]),
        ("© 2021 Επαμεινώνδας Καραγιάννης", ["Επαμεινώνδας Καραγιάννης"]),
        ("Copyright (c) 2016 Jonas Weich, Sebastian Thiel and contributors", ["Jonas Weich", "Sebastian Thiel"]),
        ("© 2022 Svetlana", ["Svetlana"]),  # one word: a listed given name that is no English word
        # organisations, groups and words: no person
        ("Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.example/>", []),
        ("Copyright (c) 2001-2024 Quorvex Software Foundation; All Rights Reserved", []),
        ("Copyright (c) The Regents of the University of Westmark.", []),
        ("Copyright (c) 2015 The Authors", []),
        ("Copyright © 2012 Zentrix Inc.", []),
        ("© 2019 Quorvex", []),  # one unlisted word: could be a brand
        ("THE SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS", []),
        ("the above copyright notice and this permission notice shall be included", []),
        ("(c) Compliance Officer to attend", []),  # a list item, no year
        ("(c) Hannah Okafor must attend", []),  # a list item: a bare (c) needs a year (other recognizers read the name)
        ("Copyright (c) 2020 France Télévisions", []),
    ],
)
def test_copyright_holders_with_a_persons_shape(text, expected):
    assert holders(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tovkar Lemsin", True),
        ("J. R. Okonkwo-Baird", True),
        ("Free Software", False),
        ("Python Software Foundation", False),
        ("Grant", False),
    ],
)
def test_a_person_shaped_holder(value, expected):
    assert person_holder(value) is expected


def test_the_holder_of_a_licence_is_flagged_where_guesses_are_dropped():
    """In licence text spaCy's guesses need a cue; the notice itself is the cue, read by a rule."""
    from redactor import paths
    from redactor.detect.engine import Detector

    models = paths.models_dir()
    detector = Detector(models / "nlp_engine.yaml", models / "recognizers.yaml")
    text = "Zentrix Widget License\n\nCopyright (c) 2031 Tovkar Lemsin" + LICENCE_TAIL
    assert [text[s.start : s.end] for s in detector.analyze(text) if s.entity == "PERSON"] == ["Tovkar Lemsin"]
