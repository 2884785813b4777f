"""A signed e-mail (multipart/signed wrapping multipart/mixed): its attachments are extracted, not "not in the download"."""

from __future__ import annotations

from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import run


def test_attachments_inside_the_signed_part_are_extracted(tmp_path):
    (item,), derived = run(factory.signed_eml(tmp_path / "signed.eml"), tmp_path)
    attachments = {a["name"]: a for a in item.device.to_json()["attachments"]}
    assert set(attachments) == {"note.txt", "deeper.txt", "smime.p7s"}
    assert all(a["present"] for a in attachments.values())
    assert not [a for a in item.device.to_json()["attachments"] if a["type"].startswith("multipart/")]
    by_name = {d.name: d.path.read_bytes() for d in derived}
    assert by_name["note.txt"] == f"attached note: ring {PHONES[1]}".encode()
    assert by_name["deeper.txt"] == f"deeper note {PHONES[2]}".encode()
    assert ("text", f"Please see the note, {PEOPLE[1]}. {PHONES[0]}") in [(s.field, s.text.strip()) for s in item.segments]


def test_plain_messages_keep_their_attachment_order(tmp_path):
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = factory.EMAILS[0], factory.EMAILS[1], "two files"
    msg.set_content("see both")
    msg.add_attachment(b"one", maintype="application", subtype="octet-stream", filename="a.bin")
    msg.add_attachment(b"two", maintype="application", subtype="octet-stream", filename="b.bin")
    (tmp_path / "plain.eml").write_bytes(msg.as_bytes())
    (item,), derived = run(tmp_path / "plain.eml", tmp_path)
    assert [d.name for d in derived] == ["a.bin", "b.bin"]
    assert [d.locator for d in derived] == ["message[1] line 1/attachment[0]", "message[1] line 1/attachment[1]"]
