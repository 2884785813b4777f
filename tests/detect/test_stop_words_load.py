"""The language check reads spaCy's stop-word lists without importing the language packages.

Importing ``spacy.lang.fr.stop_words`` as a module first runs ``spacy/lang/fr/__init__.py``, which
compiles the French tokenizer exceptions (about 2 CPU seconds, in each detection worker and in the
coordinating process). ``language.stop_words`` reads each ``stop_words.py`` on its own: the same
words, no language package imported. Checked in a fresh interpreter, so nothing imported before counts.
"""

from __future__ import annotations

import json
import subprocess
import sys

from redactor.detect import language

PROBE = """
import json, sys
from importlib import import_module
from redactor.detect import language
lists = language.stop_words()
packages = sorted(m for m in sys.modules if m.count(".") == 2 and m.startswith("spacy.lang.") and m.split(".")[2] in language.LANGUAGES)
print(json.dumps({"packages": packages, "lists": {k: sorted(v) for k, v in lists.items()}}))
"""


def test_the_lists_are_read_without_importing_the_language_packages() -> None:
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=120)
    found = json.loads(done.stdout)
    assert found["packages"] == []
    assert set(found["lists"]) == {"en", *language.LANGUAGES}


def test_the_lists_are_spacys_own() -> None:
    from importlib import import_module

    read = {lang: language._spacy_stop_words(lang) for lang in ("en", *language.LANGUAGES)}
    imported = {lang: import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS for lang in ("en", *language.LANGUAGES)}
    assert read == imported
    assert all(len(words) > 100 for words in read.values())
    assert language._spacy_stop_words("fr") == imported["fr"]  # once imported, the module itself
