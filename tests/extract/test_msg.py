"""Outlook .msg: an e-mail item like .eml, attachments (attached messages too) as derived sources, bad files refused."""

from __future__ import annotations

import pytest

from redactor.errors import CorruptInput, InputError
from redactor.extract import msg as outlook
from redactor.records import Mention
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import context, run, source_for


@pytest.fixture
def message(tmp_path):
    return run(factory.msg(tmp_path / "meeting.msg"), tmp_path)


def _fields(item):
    return [(s.field, s.text) for s in item.segments]


def test_message_fields_like_an_eml(message):
    (item,), _ = message
    assert item.kind == "email" and item.meta["format"] == "msg"
    assert _fields(item) == [
        ("sender.name", PEOPLE[0]),
        ("sender.id", factory.EMAILS[0]),
        ("recipients", f"{PEOPLE[1]} <{factory.EMAILS[1]}>"),
        ("subject", "Meeting on Friday"),
        ("text", f"Hi {PEOPLE[1]}, call me on {PHONES[0]}."),
        ("attachment.name", "note.txt"),
        ("attachment.name", "Fwd: photos.msg"),
    ]


def test_attachments_and_attached_messages_become_derived_sources(message, tmp_path):
    (item,), derived = message
    assert [d.name for d in derived] == ["note.txt", "Fwd: photos.msg"]
    assert all((tmp_path / "work" / "derived") in d.path.parents for d in derived)
    assert derived[0].path.read_bytes() == f"attached note, ring {PHONES[1]}".encode()
    assert [a["present"] for a in item.device.to_json()["attachments"]] == [True, True]
    inner_items, inner_derived = run(derived[1].path, tmp_path)  # the attached message is read in turn
    assert ("text", f"Forwarded from {PEOPLE[3]}, mobile {PHONES[2]}") in _fields(inner_items[0])
    assert [d.name for d in inner_derived] == ["inner.txt"]


def test_correspondents_become_known_people(tmp_path):
    path = factory.msg(tmp_path / "m.msg")
    people = [r.person for r in outlook.extract_msg_file(source_for(path), path, context(tmp_path)) if isinstance(r, Mention)]
    assert {p.name for p in people} == {PEOPLE[0], PEOPLE[1]}


def test_html_only_body_is_reduced_to_text(tmp_path):
    (item,), _ = run(factory.msg(tmp_path / "h.msg", html_only=True), tmp_path)
    assert ("text", f"Hi {PEOPLE[1]}, call me on {PHONES[0]}.") in _fields(item)


def test_other_compound_files_are_not_taken_for_msg(tmp_path):
    from extract_msg.ole_writer import OleWriter

    w = OleWriter()
    w.addEntry(["WordDocument"], b"\x00" * 600)
    w.write(str(tmp_path / "other.doc"))
    path = tmp_path / "other.doc"
    assert not outlook._accepts(source_for(path), path, b"")


def test_truncated_msg_is_refused_with_its_name(tmp_path):
    data = factory.msg(tmp_path / "a.msg").read_bytes()
    (tmp_path / "cut.msg").write_bytes(data[: len(data) // 3])
    with pytest.raises(InputError, match="cut.msg"):
        run(tmp_path / "cut.msg", tmp_path)


def test_damaged_property_streams_are_refused_or_read_without_a_crash(tmp_path):
    data = bytearray(factory.msg(tmp_path / "a.msg").read_bytes())
    for offset in range(1024, len(data), 97):
        data[offset] ^= 0x5A
    (tmp_path / "noise.msg").write_bytes(bytes(data))
    try:
        run(tmp_path / "noise.msg", tmp_path)
    except InputError as exc:
        assert "noise.msg" in str(exc) and "\n" not in str(exc)


def test_a_message_with_nothing_in_it_is_refused(tmp_path):
    from tests.extract.outlook import Mail, write_msg

    path = write_msg(tmp_path / "blank.msg", Mail("", "", ("", ""), ()))
    with pytest.raises(CorruptInput, match="blank.msg"):
        run(path, tmp_path)
