"""Synthetic inputs for the core tests (invented people; Ofcom drama numbers)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

PEOPLE = ["Sophie Turner", "Marcus Bellamy", "Priya Raman"]
PHONES = ["07700 900123", "07700 900456", "07700 900789"]

STATEMENT_LINES = [
    "Statement of a witness.",
    f"I spoke to {PEOPLE[0]} on {PHONES[0]} about the party.",
    f"Later {PEOPLE[1]} rang from {PHONES[1]} and asked for the address.",
    "The meeting was at 12 Larkspur Close, Wakefield WF2 8QT on Friday.",
]


def text_pdf(path: Path, lines: list[str], pages: int = 1, metadata: bool = True) -> Path:
    canvas = Canvas(str(path), pagesize=A4)
    if metadata:
        canvas.setAuthor(PEOPLE[2])
        canvas.setTitle(f"Statement of {PEOPLE[0]}")
        canvas.setSubject(PHONES[2])
    for page in range(pages):
        y = A4[1] - 72
        canvas.setFont("Helvetica", 11)
        for line in lines:
            canvas.drawString(72, y, line)
            y -= 18
        canvas.drawString(72, 40, f"page {page + 1}")
        canvas.showPage()
    canvas.save()
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def annotated_pdf(path: Path, lines: list[str]) -> Path:
    """A text PDF with an annotation, an outline entry, an attachment and XMP metadata."""
    from pypdf.annotations import FreeText

    base = io.BytesIO()
    text_pdf_bytes = text_pdf(path, lines).read_bytes()
    base.write(text_pdf_bytes)
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf_bytes)))
    writer.add_annotation(0, FreeText(text=f"note about {PEOPLE[2]}", rect=(50, 550, 300, 600)))
    writer.add_outline_item(title=f"Outline {PEOPLE[1]}", page_number=0)
    writer.add_attachment(f"{PEOPLE[0]}.txt", f"attached {PHONES[2]}".encode())
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def unflagged_redacted(store, pending_as_redact: bool = False) -> list[tuple[str, str]]:  # noqa: ANN001 - a CaseStore
    """``(segment id, leak label)`` of every segment where a value the case decided to redact still shows once the
    redacted flags are cut out: what ``verify --case`` would find in a bundle rendered from these flags (text only;
    with ``pending_as_redact``, as ``bundle --pending redact`` renders)."""
    from redactor.bundle.leaks import Scanner, case_watchlist

    scanner = Scanner(case_watchlist(store))
    spans: dict[str, list[tuple[int, int]]] = {}
    for flag in store.flags():
        if flag.status == "redact" or (pending_as_redact and flag.status == "pending"):
            spans.setdefault(flag.segment_id, []).append((flag.start, flag.end))
    found = []
    for item in store.items():
        for seg in item.segments:
            chars = list(seg.text)
            for start, end in spans.get(seg.segment_id, ()):
                chars[start:end] = ["\n"] * (end - start)  # a box: nothing of the text, and a word boundary
            label = scanner.find("".join(chars))
            if label is not None:
                found.append((seg.segment_id, label))
    return found


SID = "d" * 64
TEXTS = [
    "meet at ZZ78 now",  # 0: flagged (LOCATION), as spaCy flagged it once
    "zz78 again tomorrow",  # 1: another case
    "Z\u200bZ78 with a zero-width space",  # 2: invisible characters inside
    "\u200eZZ78\u200f between direction marks",  # 3: and around
    "ZZ789 is another, and so is xZZ78",  # 4: inside longer words: not the value
    "postcode ZZ78_5XY written with an underscore",  # 5: separators are word boundaries
    "ring 07700 900456 later",  # 6: flagged (PHONE_NUMBER)
    "or 07700900456, or 0770 0900 456",  # 7: the same number in other groupings
    "nothing here",  # 8
]
FLAGGED = {0: ("ZZ78", "LOCATION", "location", "LOC"), 6: ("07700 900456", "PHONE_NUMBER", "contact", "TP")}


def items(texts: list[str], first: int = 0) -> list:
    from redactor.records import Item, Segment

    out = []
    for n, text in enumerate(texts, start=first):
        iid = f"m{n:06d}"
        out.append(Item(iid, SID, f"line {n}", "message", "chat", (Segment(f"{iid}.0", iid, 0, "text", text),), {}))
    return out


def detector_flag(item, word: str, entity: str, category: str, code: str):  # noqa: ANN001, ANN201
    from redactor.records import Flag

    seg = item.segments[0]
    start = seg.text.index(word)
    explanation = {"party": "unknown", "category": category, "rule": "r"}
    return Flag(
        Flag.make_id(seg.segment_id, start, start + len(word), entity),
        item.item_id,
        seg.segment_id,
        start,
        start + len(word),
        entity,
        0.8,
        "t",
        explanation,
        code,
        "review",
    )


def value_case(root: Path):  # noqa: ANN201 - a CaseStore
    """A case of chat messages (no detector run) where detection flagged "ZZ78" and a number once each, and missed
    them elsewhere in other spellings (case, invisible marks, separators, number grouping)."""
    from redactor.case import CaseStore

    s = CaseStore.create(root)
    s.add_source(SID, "chat.txt", "chat.txt", 1, "text/plain")
    made = items(TEXTS)
    s.save_items(SID, made)
    s.save_flags(SID, [detector_flag(made[n], *spec) for n, spec in FLAGGED.items()])
    s.sync_values()
    return s


def review_every_value_pipeline(folder: Path) -> Path:
    """The default pipeline with no rule deciding values itself (``decide`` removed): every value waits for a
    reviewer, as the tests of the review mechanics need (the default decides structured identifiers)."""
    import yaml

    data = yaml.safe_load((Path(__file__).resolve().parents[1] / "pipelines" / "disclosure.yaml").read_text(encoding="utf-8"))
    for stage in data["stages"]:
        for rule in (stage.get("with") or {}).get("rules", []):
            rule.pop("decide", None)
    path = Path(folder) / "review-every-value.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path
