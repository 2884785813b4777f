"""A negatives set: real text with (almost) no personal data in it, to count false positives.

Issue 11 asks for fewer false positives without a roster: headings and labels in capitals, common
nouns, language and nationality words outside a personal context, words in code and licence files.
Nobody in this project wrote these texts, and none is among the held-out sources:

- the licence texts Debian ships in every system (``/usr/share/common-licenses``: Apache-2.0, GPL-3,
  LGPL-2.1, MPL-2.0, GFDL-1.3, Artistic, BSD, CC0-1.0): capitalised headings, legal common nouns;
- modules of Python's standard library (``csv``, ``locale``, ``calendar``, ``argparse``, ``gettext``,
  ``textwrap``, ``string``): code, docstrings, language and country words, month and day names.

- licence-like and README-like texts written here (``negatives_written.py``): a permissive licence's
  paragraphs, a README's headings, tables and code spans, the shapes of a phone download's app files;
- shapes that drew false flags, generated here (``negatives_shapes.py``): form labels in other
  languages, one-word organisations, file names, headlines in capitals, organisations' copyright notices.

Lines that do name someone or somewhere (copyright and author lines, e-mail addresses, the FSF's
postal address, the licences' sample signatures) are left out, so that every flag left on this set
is a false positive. The report is flags per 1,000 words by entity, beside vanilla Presidio.
"""

from __future__ import annotations

import re
import sysconfig
from pathlib import Path

from benchmarks.eval.negatives_shapes import shape_negatives
from benchmarks.eval.negatives_written import written_negatives

LICENCES = Path("/usr/share/common-licenses")
LICENCE_FILES = ("Apache-2.0", "GPL-3", "LGPL-2.1", "MPL-2.0", "GFDL-1.3", "Artistic", "BSD", "CC0-1.0")
STDLIB_FILES = ("csv.py", "locale.py", "calendar.py", "argparse.py", "gettext.py", "textwrap.py", "string.py")
CHUNK = 1500  # characters per record: a page of a document, a screen of code
# lines naming a person, an organisation's address or a contact: true positives, not negatives
PERSONAL = re.compile(
    r"copyright|\(c\)|©|author|written by|contributed by|maintained by|thanks to|@|https?://|"
    r"franklin st|temple place|ty coon|yoyodyne|moe ghoul|james random hacker|\bby [A-Z][a-z]+ [A-Z]",
    re.I,
)


def sources() -> list[Path]:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    return [LICENCES / name for name in LICENCE_FILES] + [stdlib / name for name in STDLIB_FILES]


def clean_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if not PERSONAL.search(line)]


def chunks(lines: list[str]) -> list[str]:
    """Paragraph-aligned pieces of about ``CHUNK`` characters."""
    out, current = [], ""
    for para in re.split(r"\n\s*\n", "\n".join(lines)):
        if current and len(current) + len(para) > CHUNK:
            out.append(current)
            current = ""
        current = f"{current}\n\n{para}" if current else para
    if current.strip():
        out.append(current)
    return [c for c in out if c.strip()]


def load_negatives() -> tuple[list[dict] | None, str]:
    """Records (``id``, ``text``, ``people``, no ``labels``) or None and why not."""
    missing = [str(p) for p in sources() if not p.is_file()]
    if missing:
        return None, f"absent on this machine: {', '.join(missing)}"
    records = []
    for path in sources():
        for n, text in enumerate(chunks(clean_lines(path.read_text(encoding="utf-8", errors="replace")))):
            records.append({"id": f"{path.name}#{n}", "text": text, "people": [], "labels": []})
    return records + written_negatives() + shape_negatives(), ""


def words(text: str) -> int:
    return len(re.findall(r"\w+", text))
