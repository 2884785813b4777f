"""Licence-like and README-like texts written for redactor, for the negatives set (``negatives.py``).

A phone download ships apps' LICENSE and README files; the device samples' README and LICENSE drew
false names from spaCy ("Email", "JSON", "Format", "Permission", "MIT License", "and/or sell").
These texts have the same shapes (a permissive licence's paragraphs, a README's headings, tables
and code spans) in words written here, not copied from any licence or README, combined from a few
parts by a seeded generator. No line names anyone (no copyright line): every flag is a false positive.
"""

from __future__ import annotations

import random

SEED = 4711
COUNT = 24
PRODUCTS = ("Widget Kit", "Chat Tools", "Export Reader", "Parcel Tracker", "Note Sync", "Backup Helper")
TITLES = ("MIT License", "Open Widget License", "Permissive Licence", "BSD-style License", "Zero-Clause Licence")
GRANTS = (
    "Permission is hereby granted, without charge, to any person who obtains a copy of {p} and its documentation, "
    "to use, copy, modify, merge, publish, distribute, sublicense and/or sell copies of it, and to let others do so, "
    "provided that this License is kept with every copy.",
    "Permission is hereby granted to use, change and share {p}, in source or object code, for any purpose, with or "
    "without fee, as long as this License and the notice below travel with every copy or substantial portion.",
    "Redistribution and use of {p} in source and binary forms, with or without modification, are permitted provided "
    "that redistributions of source code keep this License, and redistributions in binary form reproduce it.",
)
DISCLAIMERS = (
    'THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING THE WARRANTIES '
    "OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE. IN NO EVENT SHALL THE COPYRIGHT HOLDERS BE LIABLE FOR "
    "ANY CLAIM, DAMAGES OR OTHER LIABILITY ARISING FROM THE SOFTWARE OR ITS USE.",
    "Disclaimer. The Licensor offers the Work as-is and makes no warranty of any kind. Termination of this License "
    "follows automatically when the Licensee breaks its terms; Sections 2 and 3 survive termination.",
    "Limitation of Liability. Under no legal theory shall any Contributor be liable for indirect or consequential "
    "damages. Notwithstanding the above, nothing in this License limits a Licensee's rights under law.",
)
README_INTROS = (
    "Small input files for the {p} tests. Use them by path, or copy the ones you need (keep the licence note).",
    "Sample exports for {p}. Every file here was written by hand from the format's public description.",
)
ROWS = (
    ("chat/one.json", "Telegram Desktop JSON", "single chat export; `text` as string or entity list"),
    ("meta/thread.json", "Meta Download your information", "message JSON with its real mojibake"),
    ("mail/sample.eml", "Email", "MIME multipart, RFC 2047 headers, `Content-Transfer-Encoding`"),
    ("sms/backup.xml", "Format", "SMS Backup XML with `Permission` flags and `Type` codes"),
    ("notes/list.tsv", "Tab-separated values", "UTF-8 with BOM; `Timestamp`, `Title`, `Body` columns"),
    ("calls/log.csv", "Comma-separated values", "the `Direction`, `Duration` and `Number` columns"),
)
HEADINGS = ("## Format notes worth knowing", "## Parsing", "### Known Issues", "## Licence", "# Device Samples")
NOTES = (
    "- `TimeStamp` fields carry `formattedTimestamp` with a UTC offset: prefer it.",
    "- Day and month order cannot be told from one line: infer it over the file.",
    "- Newer versions write `_artifacts.db` next to the TSV files.",
)


def licence_text(rng: random.Random) -> str:
    product = rng.choice(PRODUCTS)
    parts = [rng.choice(TITLES), rng.choice(GRANTS).format(p=product), *rng.sample(DISCLAIMERS, 2)]
    return "\n\n".join(parts)


def readme_text(rng: random.Random) -> str:
    product = rng.choice(PRODUCTS)
    rows = rng.sample(ROWS, 4)
    table = ["| path | format | what it shows |", "|---|---|---|", *(f"| {a} | {b} | {c} |" for a, b, c in rows)]
    heads = rng.sample(HEADINGS, 2)
    return "\n".join([heads[0], "", rng.choice(README_INTROS).format(p=product), "", *table, "", heads[1], *rng.sample(NOTES, 2)])


def written_negatives() -> list[dict]:
    """``COUNT`` records (half licences, half READMEs) in the negatives set's record shape."""
    rng = random.Random(SEED)
    out = []
    for n in range(COUNT):
        text = licence_text(rng) if n % 2 == 0 else readme_text(rng)
        out.append({"id": f"written-{'licence' if n % 2 == 0 else 'readme'}#{n}", "text": text, "people": [], "labels": []})
    return out
