"""models/tools/build_name_lexicons.py rebuilds the generated lists in models/lexicons (models/NAMES.md)."""

from __future__ import annotations

import io
import runpy
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = runpy.run_path(str(ROOT / "models" / "tools" / "build_name_lexicons.py"))
LEXICONS = ROOT / "models" / "lexicons"
WORDS = Path("/usr/share/dict/american-english")
needs_words = pytest.mark.skipif(not WORDS.is_file(), reason="SCOWL american-english (Debian wamerican) is not installed")


def shipped(name: str) -> list[str]:
    return [line for line in (LEXICONS / name).read_text(encoding="utf-8").splitlines() if not line.startswith("#")]


def test_surnames_keep_the_census_order_title_cased_and_cut_at_the_limit():
    census = "SMITH          1.006  1.006      1\nJOHNSON        0.810  1.816      2\nMCDONALD 0.1 2.0 3\n"
    assert SCRIPT["surnames"](census) == ["Smith", "Johnson", "Mcdonald"]
    assert SCRIPT["surnames"](census, limit=2) == ["Smith", "Johnson"]


def test_the_census_file_is_read_from_the_names_sdist_without_unpacking(tmp_path):
    data = b"ZOLVEK 0.001 0.001 1\n"
    sdist = tmp_path / "names-0.3.0.tar.gz"
    with tarfile.open(sdist, "w:gz") as tar:
        info = tarfile.TarInfo("names-0.3.0/names/dist.all.last")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert SCRIPT["census_text"](sdist) == data.decode()


def test_word_lists_keep_lower_case_words_without_apostrophes():
    words = SCRIPT["lower_words"](["Aaron", "aardvark", "aardvark's", "ox", "rose", "étude"])
    assert words == {"aardvark", "ox", "rose", "étude"}
    assert SCRIPT["english_words"](words) == ["aardvark", "rose", "étude"]  # two-letter words left out
    assert SCRIPT["name_words"](["Rose", "Zolvek"], ["Ox", "Aaron"], words) == ["ox", "rose"]


def test_the_shipped_surname_list_has_the_script_shape():
    surnames = shipped("world_surnames.txt")
    assert len(surnames) == SCRIPT["SURNAMES"] and surnames[:3] == ["Smith", "Johnson", "Williams"]
    assert (LEXICONS / "world_surnames.txt").read_text(encoding="utf-8").startswith(SCRIPT["HEADS"]["world_surnames.txt"])


@needs_words
def test_the_script_rebuilds_the_shipped_word_lists():
    """From the installed word list, the shipped surnames and the installed given names (the census
    sdist is not needed: the surname list is checked above and feeds the names-that-are-words list)."""
    from redactor.detect.name_lists import given_names_raw

    words = SCRIPT["lower_words"](WORDS.read_text(encoding="utf-8").splitlines())
    english = SCRIPT["english_words"](words)
    common = SCRIPT["name_words"](shipped("world_surnames.txt"), given_names_raw(), words)
    assert SCRIPT["render"]("english_words.txt", english) == (LEXICONS / "english_words.txt").read_text(encoding="utf-8")
    assert SCRIPT["render"]("name_words_common.txt", common) == (LEXICONS / "name_words_common.txt").read_text(encoding="utf-8")
