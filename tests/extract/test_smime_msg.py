"""S/MIME Outlook messages: signed content is read (clear or opaque), encrypted content is named with the reason."""

from __future__ import annotations

import pytest

from redactor.extract import smime
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import run, text_of


def _clean(text: str) -> bool:
    """No CMS bytes shown as text: no replacement characters, no control characters."""
    return "\ufffd" not in text and not any(ord(ch) < 32 and ch not in "\n\t" for ch in text)


def test_a_clear_signed_message_is_read_with_its_attachments(tmp_path):
    (item,), derived = run(factory.smime_msg(tmp_path / "signed.msg", "clear-signed"), tmp_path)
    assert f"Please see the note, {PEOPLE[1]}. {PHONES[0]}" in text_of(item)
    assert {"note.txt", "deeper.txt"} <= {d.name for d in derived}


def test_an_opaque_signed_message_is_unpacked_and_read(tmp_path):
    (item,), derived = run(factory.smime_msg(tmp_path / "opaque.msg", "opaque-signed"), tmp_path)
    assert _clean(text_of(item)) and item.meta["smime"]["kind"] == "opaque-signed"
    assert item.meta["embedded_files"] == [{"name": "smime.p7m", "status": "extracted"}]
    (eml,) = derived
    assert eml.name == "signed-content.eml"
    (inner,), attached = run(eml.path, tmp_path)
    assert f"Please call {PEOPLE[2]} on {PHONES[2]}." in text_of(inner)
    assert f"{PEOPLE[0]} <{factory.EMAILS[0]}>" in eml.path.read_bytes().decode()  # headed with the outer message
    assert [d.path.read_bytes() for d in attached] == [f"inner signed note {PHONES[3]}".encode()]


def test_an_encrypted_message_keeps_its_headers_and_names_what_is_not_read(tmp_path):
    (item,), derived = run(factory.smime_msg(tmp_path / "locked.msg", "encrypted"), tmp_path)
    assert derived == []
    text = text_of(item)
    assert _clean(text) and PEOPLE[0] in text and PEOPLE[1] in text and "Secure note (encrypted)" in text
    assert item.meta["smime"]["status"] == f"not extracted: {smime.ENCRYPTED_REASON}"
    (attachment,) = item.device.to_json()["attachments"]
    assert attachment["present"] is False and "private key" in attachment["reason"]


@pytest.mark.parametrize(
    "blob, kind, why",
    [
        (b"\x30\x03\x06\x01\x00", "unknown", "cannot be read"),
        (b"", "unknown", "cannot be read"),
        (b"\x30\x80\x06\x09" + smime.SIGNED, "unknown", "cannot be read"),  # indefinite length: not unpacked
        (b"\x30\x0f\x06\x09" + smime.SIGNED + b"\xa0\x02\x30\x00", "opaque-signed", "could not be unpacked"),
        (b"\x30\x0d\x06\x09" + smime.ENVELOPED + b"\xa0\x00", "encrypted", "private key"),
    ],
)
def test_damaged_or_odd_cms_is_named_not_shown(blob, kind, why):
    found = smime.classify(blob)
    assert found.kind == kind and why in smime.reason(found)


def test_a_damaged_signature_is_named_in_the_message(tmp_path):
    from tests.extract.outlook import Mail, write_msg

    mail = Mail(
        "Cut",
        "",
        (PEOPLE[0], factory.EMAILS[0]),
        ((PEOPLE[1], factory.EMAILS[1]),),
        files=(("smime.p7m", b"\x30\x82\xff\xff\x06\x09" + smime.SIGNED),),
        message_class="IPM.Note.SMIME",
    )
    (item,), derived = run(write_msg(tmp_path / "cut.msg", mail), tmp_path)
    assert derived == [] and "not read" in item.meta["smime"]["status"] and _clean(text_of(item))
