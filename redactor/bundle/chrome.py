"""What a bundle prints whatever the material: its own labels, headings, kinds and file names.

The leak scan (:mod:`redactor.bundle.leaks`) looks for every value decided "redact". A value
that is also one of the bundle's own words ("Email" read as a name, "JSON", "Page") is printed
by the bundle itself: in an item's kind ("email"), in "Files and hashes: manifest.json", in a
PDF's syntax ("/Page"). Those prints say nothing about the material, and no decision can remove
them, so before such a value is looked for, these phrases are taken out of the text (each whole
phrase, where it stands). Everywhere else the value is still looked for; a value that is none of
these words is looked for in the text as it is.

Only text the tool itself writes belongs here, never anything read from the material (titles,
file names, subjects: those are content, and pass through detection and the case's decisions).
``tests/bundle/test_chrome.py`` builds a bundle and checks that every word of it is either the
material's or one of these phrases, so this list stays true as the renderers change. A phrase
missing from it only makes the scan stricter (a bundle refused, never one passed).
"""

from __future__ import annotations

import re
from functools import lru_cache

from redactor.bundle.scrub import normalise
from redactor.case.value_text import EDGE, _is_edge

# the cover's summary line and the schedule's counts (the rest of the combined PDF's words: ``_defined_elsewhere``)
PAGES = ("items disclosed", "withheld", "redactions", "none", "(total", "Basis:")
# what the index, the schedule and the unused-material schedules say of an item or a box
STATUSES = (
    "disclosed",
    "transcript of",
    "items",
    "withheld: not relevant (IRR)",
    "out of scope (IRR): withheld",
    "sensitive (SEN): withheld, MG6D",
    "disclosed in edited form",
    "redactions, see schedule.csv",
    "unchanged since",
    "not repeated",
    "render failed; withheld, see failures",
    "marked sensitive (no reason recorded)",
    "policy",
    "person",
    "accepted in bulk",
    "same value as value",
    "decide.policy rule",
    "added by hand",
    "personal data redacted",
    "decide.policy default",
    "redact",
    "keep",
    "review",
    "same-value",
    "UTC",
    "to",
)
# item kinds (redactor/records.py), the apps device extractors name, and what an item's pages are headed
KINDS = (
    "document",
    "conversation",
    "message",
    "messages",
    "call",
    "contact",
    "email",
    "note",
    "calendar",
    "web_visit",
    "attachment",
    "attachment:",
    "device-record",
    "(redacted copy)",
    "conversation transcript (redacted copy)",
    "Conversation",
    "Participants",
    "system message",
    "time not recorded",
    "present, extracted as a separate item",
    "not in the download",
)
APPS = ("WhatsApp", "Telegram", "SMS/MMS", "SMS", "MMS", "E-mail", "Outlook", "Phone", "Contacts", "Facebook Messenger", "Instagram")
# what the manifest and the audit log call each file's type (redactor/ingest/files.py sniffs exactly these)
MEDIA_TYPES = (
    "application/pdf",
    "application/x-ole-storage",
    "image/heic",
    "application/zip",
    "image/png",
    "image/jpeg",
    "image/tiff",
    "image/gif",
    "image/bmp",
    "image/webp",
    "application/vnd.sqlite3",
    "text/html",
    "application/rtf",
    "application/xml",
    "application/json",
    "text/plain",
    "application/octet-stream",
)
# the files every bundle holds, and the word that ends every item file's name
FILES = (
    "bundle.pdf",
    "manifest.json",
    "schedule.csv",
    "schedule_summary.csv",
    "index.csv",
    "mg6c.csv",
    "mg6d.csv",
    "not_processed.csv",
    "audit.jsonl",
    "items/",
    "pdf",
    "redactor verify",
    "redactor-bundle/1",  # manifest.json's format
)


def _defined_elsewhere() -> tuple[str, ...]:
    """Headings, CSV columns, reason codes, entity types and the policy's words, from where the bundle takes them."""
    from redactor.bundle import combined as c
    from redactor.bundle.schedule import SCHEDULE_FIELDS, SUMMARY_FIELDS
    from redactor.bundle.unprocessed import NOT_PROCESSED_FIELDS, NOT_PROCESSED_NOTE, PROBLEMS, STAGES
    from redactor.bundle.unused import MG6C_FIELDS, MG6D_FIELDS
    from redactor.bundle.writer import FILES_NOTE, INDEX_FIELDS, SCOPE_NOTES
    from redactor.codes import REASON_CODES
    from redactor.decide.classify import DEVICE_OWNER, PARTY_ROLES, THIRD_PARTY, UNKNOWN
    from redactor.entities import CATEGORIES, ENTITIES
    from redactor.render.transcript import RECORD_META

    headings = tuple(name for columns in (c.COVER_COLUMNS, c.INDEX_COLUMNS, c.SCHEDULE_COLUMNS) for name, _ in columns)
    pages = (c.COVER_TITLE, *c.COVER_FACTS, c.EXHIBITS, c.INDEX_TITLE, c.INDEX_INTRO, c.SCHEDULE_TITLE, c.SCHEDULE_COUNTS)
    pages += (c.SCHEDULE_INTRO, c.COVER, c.INDEX, c.ITEMS, c.BUNDLE_PAGE, FILES_NOTE)
    fields = SCHEDULE_FIELDS + SUMMARY_FIELDS + MG6C_FIELDS + MG6D_FIELDS + INDEX_FIELDS + NOT_PROCESSED_FIELDS
    unread = (NOT_PROCESSED_NOTE, *PROBLEMS, *PROBLEMS.values(), *STAGES)  # not_processed.csv's codes, meanings, stages
    codes = tuple(text for rc in REASON_CODES.values() for text in (rc.code, rc.meaning, rc.basis))
    entities = tuple(text for e in ENTITIES for text in (e.name, e.label))
    policy = (*CATEGORIES.values(), *PARTY_ROLES, THIRD_PARTY, UNKNOWN, DEVICE_OWNER)  # "decide.policy rule 10 (contact, third_party: ...)"
    facts = tuple(f"{label}:" for _, label in RECORD_META)  # a record's heading: "app: WhatsApp | direction: ..."
    return pages + headings + fields + codes + entities + policy + facts + unread + tuple(SCOPE_NOTES.values())


# PDF syntax, in the raw bytes of a PDF: every name token ("/Page", "/Title", "/BaseFont /AAAAAA+DejaVuSans").
# Our writer puts no text of the material in a name (titles and labels are strings), so a name is the format's own word.
PDF_NAME = re.compile(r"/[A-Za-z0-9+#._-]+")


@lru_cache(maxsize=1)
def chrome() -> tuple[str, ...]:
    """The phrases, normalised as the scan compares them, longest first (so a long phrase is taken out whole)."""
    norms = {normalise(p) for p in PAGES + STATUSES + KINDS + APPS + MEDIA_TYPES + FILES + _defined_elsewhere()}
    return tuple(sorted((n for n in norms if n), key=lambda n: (-len(n), n)))


@lru_cache(maxsize=1)
def _phrase_pattern() -> re.Pattern[str]:
    return re.compile(rf"(?<![{EDGE}])(?:{'|'.join(re.escape(p) for p in chrome())})(?![{EDGE}])")


def is_chrome_word(norm: str) -> bool:
    """Whether a normalised value is printed, whole, inside one of the bundle's own phrases (as the scan's
    pattern would find it there: not touching a letter or digit on either side)."""
    return norm in _inside()


@lru_cache(maxsize=1)
def _inside() -> frozenset[str]:
    """Every piece of a phrase a value could match: from a start not after a letter or digit to an end not before one."""
    pieces: set[str] = set()
    for phrase in chrome():
        starts = [i for i in range(len(phrase)) if i == 0 or not _is_edge(phrase[i - 1])]
        ends = [j for j in range(1, len(phrase) + 1) if j == len(phrase) or not _is_edge(phrase[j])]
        pieces.update(phrase[i:j] for i in starts for j in ends if i < j)
    return frozenset(pieces)


def without_chrome(norm_text: str) -> str:
    """Normalised text with the bundle's own phrases taken out (each replaced by a separator)."""
    return _phrase_pattern().sub(" | ", norm_text)


# a key of the bundle's JSON files (manifest.json, audit.jsonl), as normalised text: '"media type":'
_JSON_KEY = re.compile(r'"([^"\\]{1,60})": ?')
_WORDS = re.compile(f"[{EDGE}]+")


def words(norm: str) -> str:
    """A normalised text's runs of letters and digits, joined by single spaces (punctuation left out)."""
    return " ".join(_WORDS.findall(norm))


def key_pieces(norm_json: str) -> frozenset[str]:
    """Every run of whole words inside one of the keys of a normalised JSON text (as :func:`words` gives them).

    The keys of the bundle's JSON files are all the tool's ("format", "media_type", "flag_id"); no
    value of the material is ever a key there. Read once per text: a value is then one set lookup."""
    pieces: set[str] = set()
    for key in set(_JSON_KEY.findall(norm_json)):
        tokens = _WORDS.findall(key)
        pieces.update(" ".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1))
    return frozenset(pieces)


def without_json_keys(norm_json: str) -> str:
    """A normalised JSON text with its keys taken out."""
    return _JSON_KEY.sub(" | ", norm_json)
