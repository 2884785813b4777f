"""Zips no format claims: every member a source of its own, nested zips bounded, hostile zips refused."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from redactor import runner
from redactor.case import CaseStore
from redactor.errors import HostileInput
from redactor.extract import archive
from tests.extract.device.helpers import pick, run, seg

NOTE = "Officer note: Mark Brown called from 07700 900456 about the meeting."


def zip_bytes(members: dict[str, bytes | str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def docx_bytes(text: str) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def flagged_texts(case: Path) -> set[str]:
    with CaseStore.open(case) as store:
        texts = {s.segment_id: s.text for item in store.items() for s in item.segments}
        return {texts[f.segment_id][f.start : f.end] for f in store.flags()}


def test_each_member_is_extracted_and_the_listing_is_an_item(tmp_path):
    path = tmp_path / "papers.zip"
    path.write_bytes(zip_bytes({"notes/note.txt": NOTE, "Jo Example.vcf": "not really a card", "empty/": ""}))
    assert pick(path) == "zip-archive"
    items, derived, _ = run(path, tmp_path / "work")
    assert sorted(d.name for d in derived) == ["Jo Example.vcf", "note.txt"]
    assert all((tmp_path / "work") in d.path.parents for d in derived)
    (listing,) = items
    assert seg(listing, "text") == "notes/note.txt\nJo Example.vcf"


def test_formats_that_live_in_a_zip_are_still_theirs(tmp_path):
    word = tmp_path / "statement.docx"
    word.write_bytes(docx_bytes(NOTE))
    chat = tmp_path / "export.zip"
    chat.write_bytes(zip_bytes({"_chat.txt": "12/01/2024, 10:00 - Amy Test: hi\n"}))
    assert (pick(word), pick(chat)) == ("docx", "whatsapp-zip")


def test_through_the_runner_members_and_a_zip_inside_are_read_and_flagged(cli, tmp_path):
    inner = zip_bytes({"statement.docx": docx_bytes("Witness Sarah Jones lives at 12 Acacia Avenue, Leeds LS1 4AB.")})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "bundle.zip").write_bytes(zip_bytes({"note.txt": NOTE, "more/inner.zip": inner, "Peter Green.txt": "hello"}))
    case = tmp_path / "case"
    result = cli("run", tmp_path / "in", "--case", case)
    assert result.exit_code == 0, result.output
    flagged = flagged_texts(case)
    assert {"Mark Brown", "07700 900456", "Sarah Jones"} <= flagged  # a member, and a Word file inside the inner zip
    assert any("Peter Green" in v for v in flagged)  # a member's file name, through the listing item
    with CaseStore.open(case) as store:
        assert len(store.sources()) == 5  # the zip, its three members (one the inner zip) and the Word file inside that
        assert max(store.source_depth(s.source_id) for s in store.sources()) == 2


def test_zips_nested_deeper_than_the_limit_are_refused_and_the_rest_goes_on(cli, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "MAX_DEPTH", 3)
    data = zip_bytes({"deep.txt": NOTE})
    for level in range(5):
        data = zip_bytes({f"level{level}.zip": data})
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "nest.zip").write_bytes(data)
    (tmp_path / "in" / "note.txt").write_text(NOTE)
    case = tmp_path / "case"
    result = cli("run", tmp_path / "in", "--case", case)
    assert result.exit_code == 3 and "Traceback" not in result.output
    status = json.loads(cli("status", case, "--json").output)
    (refused,) = status["quarantined"]
    assert refused["code"] == "E035" and "nested more than 3 files deep" in refused["reason"]
    with CaseStore.open(case) as store:
        assert max(store.source_depth(s.source_id) for s in store.sources()) == 3
    assert "Mark Brown" in flagged_texts(case)  # note.txt beside it went through


@pytest.mark.parametrize(
    ("members", "limits", "words"),
    [
        ({"a.txt": "x", "b.txt": "y", "c.txt": "z"}, {"MAX_MEMBERS": 2}, "holds 3 files, more than 2"),
        ({"a.txt": "x" * 5000}, {"MAX_TOTAL": 1000}, "expands to more than"),
        ({"a.txt": "x", "../b.txt": "y"}, {}, "zip slip"),
    ],
    ids=["too-many-files", "too-large", "zip-slip"],
)
def test_hostile_archives_are_refused_naming_the_file(members, limits, words, tmp_path, monkeypatch):
    for name, value in limits.items():
        monkeypatch.setattr(archive, name, value)
    path = tmp_path / "hostile.zip"
    path.write_bytes(zip_bytes(members))
    with pytest.raises(HostileInput) as info:
        run(path, tmp_path / "work")
    assert str(path) in str(info.value) and words in str(info.value)
    assert not list((tmp_path / "work").rglob("*.txt"))  # refused before anything was copied out
