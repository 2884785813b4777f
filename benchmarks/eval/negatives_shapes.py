"""Shapes that drew false flags, in texts generated here, for the negatives set (``negatives.py``).

Each shape is a way a text with no personal data in it was read as naming someone (issue 11):

- ``label``: form labels in other languages and scripts before a colon ("Адрес:", "Διεύθυνση:",
  "Nazwisko:") with values that name nobody ("см. ниже", "see below");
- ``organisation``: one-word organisations, brands and regulators ("Ofgem", made-up brands) after a
  determiner, a preposition or at a sentence start;
- ``file``: file names made of ordinary words with their extension ("Meeting Notes.docx");
- ``headline``: headlines in capitals whose first word is a surname that is also a word, used as a
  word ("WOOD PRICES RISE", "STORM HITS COAST");
- ``copyright``: copyright notices whose holder is an organisation ("Copyright (c) 2024 Zentrix Ltd").

Words, brands and sentences are written here and combined by a seeded generator; no name of a
person is used, so every flag on these texts is a false positive.
"""

from __future__ import annotations

import random

SEED = 1311
PER_SHAPE = 12
LABELS = (
    ("Адрес", "см. ниже"),
    ("Телефон", "не указан"),
    ("Тема", "отчёт за март"),
    ("Примечание", "нет"),
    ("Διεύθυνση", "βλέπε παρακάτω"),
    ("Θέμα", "αναφορά μηνός"),
    ("Τηλέφωνο", "δεν δόθηκε"),
    ("Nazwisko", "(brak)"),
    ("Adresse", "siehe unten"),
    ("Dirección", "ver abajo"),
    ("Morada", "ver abaixo"),
    ("Adresas", "nenurodyta"),
)
ORGANISATIONS = ("Ofgem", "Ofwat", "Ofqual", "Acas", "Unesco", "Zentrix", "Quorvex", "Ostrel", "Brimlow", "Tavexa")
ORGANISATION_FRAMES = (
    "{o} said the complaint was not upheld.",
    "I sent the form to {o} on Monday.",
    "The {o} update broke the app again.",
    "Is this {o} account still open?",
    "We met in {o} after the course.",
    "An {o} spokesperson declined to comment.",
)
FILE_WORDS = ("Meeting Notes", "Holiday Photos", "Budget Summary", "Scan Receipt", "Voice Memo", "Bank Statement")
EXTENSIONS = ("docx", "zip", "xlsx", "pdf", "m4a", "jpg", "txt")
FILE_FRAMES = ("I sent {f} to the printer.", "Open {f} and check page two.", "Attached: {f}")
HEADLINES = (
    "WOOD PRICES RISE AGAIN",
    "YOUNG PEOPLE WARNED ABOUT SCAMS",
    "GREEN SHOOTS FOR HIGH STREET",
    "STORM HITS COAST OVERNIGHT",
    "FROST DAMAGES EARLY CROPS",
    "FLOOD WARNING ISSUED FOR VALLEY",
    "MARSH FIRE SPREADS TOWARDS HOMES",
    "COUNCIL APPROVES NEW BUDGET",
    "HILL WALKERS RESCUED IN FOG",
    "PARK SAYS NO TO NEW CAFE",
    "FIELD DAY RAISES RECORD SUM",
    "BANKS WARN ON RATES",
    "STORM CLAIMS THREE LIVES",
    "MOSS GROWS ON OLD WALLS",
    "FIELD WINS PLANNING APPEAL",
)
HOLDERS = ("Zentrix Software Ltd", "The Quorvex Project", "Ostrel Labs Inc.", "Brimlow Foundation", "Tavexa Group plc")


def shape_texts(shape: str, rng: random.Random) -> str:
    if shape == "label":
        return "\n".join(f"{k}: {v}" for k, v in rng.sample(LABELS, 3))
    if shape == "organisation":
        return " ".join(frame.format(o=rng.choice(ORGANISATIONS)) for frame in rng.sample(ORGANISATION_FRAMES, 3))
    if shape == "file":
        return " ".join(frame.format(f=f"{rng.choice(FILE_WORDS)}.{rng.choice(EXTENSIONS)}") for frame in FILE_FRAMES)
    if shape == "headline":
        return "\n".join(rng.sample(HEADLINES, 2))
    return f"Copyright (c) {rng.randint(1995, 2030)} {rng.choice(HOLDERS)}. All rights reserved."


SHAPES = ("label", "organisation", "file", "headline", "copyright")


def shape_negatives() -> list[dict]:
    """``PER_SHAPE`` records of each shape, in the negatives set's record shape (ids ``shape-<shape>#n``)."""
    rng = random.Random(SEED)
    return [
        {"id": f"shape-{shape}#{n}", "text": shape_texts(shape, rng), "people": [], "labels": []}
        for shape in SHAPES
        for n in range(PER_SHAPE)
    ]
