"""The leak scan and the bundle's own words: a value that is also a label the bundle prints ("JSON",
"email") does not refuse the bundle, is still found everywhere else, and the list of the bundle's
words stays true to what the renderers print."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from redactor.bundle.chrome import chrome, is_chrome_word, without_chrome
from redactor.bundle.leaks import Scanner, Watch, _views
from redactor.bundle.scrub import normalise
from redactor.case import CaseStore
from redactor.cli import main
from tests.conftest import REPO

WORD = re.compile(r"[^\W\d_]{2,}")  # letters only: ids, dates, hashes and page numbers are not words


def cli(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_a_value_inside_a_label_is_not_found_in_the_label_but_is_found_everywhere_else():
    scanner = Scanner([Watch("json", "json value"), Watch("email", "email value")])
    assert scanner.find("Files and hashes: manifest.json; verify with 'redactor verify'.") is None
    assert scanner.find("S0001-001  email (redacted copy)") is None  # the kind of an item
    assert scanner.find("see the JSON export") == "json value"
    assert scanner.find("sent in JSON, then json again") == "json value"
    # a value that is a whole label by itself ("email", an item's kind) cannot be told from the label in text:
    # the spread redacts it in the material; a picture's OCR (no labels in it) still finds it
    assert scanner.find("send an email") is None
    assert scanner.find("send an Email", chrome=False) == "email value"


def test_a_value_that_only_contains_a_label_word_is_looked_for_as_it_is():
    assert is_chrome_word("page") and not is_chrome_word("jo page")
    scanner = Scanner([Watch("jo page", "name")])
    assert scanner.find("S0001-001  page 2\nwe met Jo Page at noon") == "name"
    assert scanner.find("S0001-001  page 2") is None


def test_pdf_name_tokens_are_syntax_but_strings_and_text_are_not():
    scanner = Scanner([Watch("parent", "name")], pdf_syntax=True)
    assert scanner.find("<< /Type /Page /Parent 3 0 R /BaseFont /AAAAAA+DejaVuSans >>") is None
    assert scanner.find("<< /Title (Parent) >>") == "name"
    assert Scanner([Watch("parent", "name")]).find("/Parent") == "name"  # only PDF syntax is read that way


def test_phrases_are_taken_out_whole_and_longest_first():
    assert chrome() == tuple(sorted(chrome(), key=lambda p: (-len(p), p)))
    text = normalise("TP third-party personal data not relevant to the case; personal data of Jo")
    assert without_chrome(text).split("|")[-1].strip() == "; personal data of jo"


@pytest.fixture(scope="module")
def json_case(tmp_path_factory):
    """A reviewer redacted "JSON" (a word the cover page prints in "manifest.json") in a note."""
    root = tmp_path_factory.mktemp("chrome")
    (root / "in").mkdir()
    (root / "in" / "note.txt").write_text("Open the JSON export.\nThe json file was sent again.\n", encoding="utf-8")
    case = root / "case"
    assert cli("run", root / "in", "--case", case).exit_code == 0
    with CaseStore.open(case, actor="DC Test") as store:
        (item,) = store.items()
        seg = item.segments[0]
        start = seg.text.index("JSON")
        store.add_manual_flag(seg.segment_id, start, start + 4, code="TP", reviewer="DC Test")
    assert cli("decide", case, "--accept-all", "--reviewer", "DC Test").exit_code == 0
    return case


@pytest.mark.slow
def test_a_redacted_label_word_is_redacted_in_the_material_and_the_bundle_is_built(json_case, tmp_path):
    out = tmp_path / "out"
    result = cli("bundle", json_case, "--out", out)
    assert result.exit_code == 0, result.output  # before: E071, "manifest.json" on the cover page was a leak
    verified = cli("verify", out, "--case", json_case)
    assert verified.exit_code == 0 and "OK: none of" in verified.output
    assert "note: 1 of them are also words the bundle prints itself" in verified.output and "json" not in verified.output.lower()
    with CaseStore.open(json_case) as store:
        (item,) = store.items()
        text = item.segments[0].text
        redacted = sorted(text[f.start : f.end] for f in store.flags(status="redact"))
    assert redacted.count("JSON") == 1 and redacted.count("json") == 1  # the second copy by the spread


@pytest.mark.slow
def test_every_word_of_the_bundle_is_the_materials_or_the_bundles_own(built):
    """The list in bundle/chrome.py is what the renderers print: a new label must be added there."""
    case, out = built
    material: set[str] = set()
    with CaseStore.open(case) as store:
        texts = [s.name for s in store.sources()]
        for item in store.items():
            texts += [item.title, repr(dict(item.meta)), repr(item.device)]
            texts += [t for s in item.segments for t in (s.text, s.field)]
        texts += [p.name for p in store.people()] + [a for p in store.people() for a in p.aliases]
        texts += ["DC Test", "DC Builder", "about an unrelated burglary", "names a covert source"]  # the fixture's actors and reasons
    texts.append((REPO / "examples" / "demo-roster.yaml").read_text(encoding="utf-8"))  # case name, URN, exhibits: the officer's
    for text in texts:
        material |= set(WORD.findall(normalise(text)))
    foreign: dict[str, str] = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file() and p.suffix not in (".json", ".jsonl")):
        name = path.relative_to(out).as_posix()
        for where, text in _views(path, name):
            if where in ("raw bytes", "decoded stream"):
                continue  # PDF syntax: its name tokens are taken out separately
            for word in WORD.findall(without_chrome(normalise(text))):
                if word not in material and not re.fullmatch(r"[a-f]+", word):  # hex digests
                    foreign.setdefault(word, f"{name} ({where})")
    assert foreign == {}, f"words the bundle prints that are neither the material's nor in bundle/chrome.py: {foreign}"


def test_every_media_type_the_ingest_names_is_a_bundle_word():
    from redactor.bundle.chrome import MEDIA_TYPES

    named = set(re.findall(r'return "([a-z]+/[a-z0-9.+-]+)"', (REPO / "redactor" / "ingest" / "files.py").read_text()))
    assert named and named <= set(MEDIA_TYPES)


def test_a_key_of_the_bundles_json_is_its_own_word_but_a_json_value_is_not():
    scanner = Scanner([Watch("format", "a word"), Watch("jo example", "a name")])
    manifest = '{"format": "redactor-bundle/1", "files": {"items/S0001-001.pdf": {"size": 3}}}'
    assert scanner.find(manifest, json=True) is None
    assert scanner.find(manifest) == "a word"  # the same text outside a JSON file: found
    assert scanner.find('{"format": "x", "reason": "the format Jo sent"}', json=True) == "a word"
    assert scanner.find('{"reason": "met Jo Example"}', json=True) == "a name"


def test_a_word_inside_a_phrase_is_found_as_the_scans_pattern_finds_it():
    for norm in ("json", "manifest json", "email", "page", "third party", "not relevant", "relevant to the"):
        assert is_chrome_word(norm), norm
    for norm in ("jo page", "anifest", "emai", "parties", "jo example"):
        assert not is_chrome_word(norm), norm
    for phrase in chrome():  # every whole phrase, and the same pieces the scan's own edge rule allows
        assert is_chrome_word(phrase)
        for piece in re.findall(r"[^\W_]+", phrase):
            found = re.search(rf"(?<![0-9a-z\u00c0-\u024f]){re.escape(piece)}(?![0-9a-z\u00c0-\u024f])", phrase) is not None
            assert is_chrome_word(piece) == found, (phrase, piece)


def test_the_json_keys_are_read_once_per_text_not_once_per_value(monkeypatch):
    import redactor.bundle.leaks as leaks

    calls = []
    real = leaks.key_pieces
    monkeypatch.setattr(leaks, "key_pieces", lambda norm: calls.append(1) or real(norm))
    scanner = Scanner([Watch(f"name{i}", "a name") for i in range(200)] + [Watch("format", "a word")])
    assert scanner.find('{"format": "x", "reason": "name7"}', json=True) == "a name"
    assert len(calls) == 1  # the scan of a long audit log was (values x text): 60 s at bench scale
