"""One chat text of a WhatsApp export zip that cannot be read (empty, no message header, dates both day- and
month-first) is refused alone at member[N], and the zip's other chats and media are read; before, it refused the whole
zip. Reasons and the parts refused name a chat text by its number, never by its name ('WhatsApp Chat with NAME.txt'
names a person; the locator and reason go to the quarantine report and the audit log): before, a message refused in
a zip of several chats was at 'WhatsApp Chat with NAME.txt: line 6' and every reason said '(WhatsApp Chat with
NAME.txt)'."""

from __future__ import annotations

import pytest

from redactor.errors import CorruptInput, EmptyInput, UnsupportedInput
from redactor.records import DerivedFile, Item, Refused
from tests.extract.device.test_whatsapp_refused import _read
from tests.extract.device.test_whatsapp_zip import ANDROID_CHAT, export_zip, picture

NAME = "Quillon Marchbanks"  # in the member's name only
BAD = {
    "empty": (b"", EmptyInput, "the chat text in the zip is empty"),
    "no header": (b"hello there\nnothing here is a message\n", UnsupportedInput, "no recognisable WhatsApp message header"),
    "inconsistent dates": (
        b"13/01/2024, 10:00 - Amy Test: hi\n01/13/2024, 10:01 - Amy Test: hi again\n",
        CorruptInput,
        "dates are both day-first and month-first",
    ),
}


@pytest.mark.parametrize("bad", list(BAD))
def test_a_chat_text_that_cannot_be_read_is_refused_alone(tmp_path, bad):
    data, error, words = BAD[bad]
    members = {
        "WhatsApp Chat with Amy Test.txt": ANDROID_CHAT,
        f"WhatsApp Chat with {NAME}.txt": data,
        "IMG-20240112-WA0001.jpg": picture("x"),
    }
    path = export_zip(tmp_path / "exports.zip", members)
    records = _read(path, tmp_path / "w")  # before: the error, for the whole zip
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("member[2]", error.code)]
    assert refused[0].reason.startswith(f"[{error.code}] {path}: member 2 of the zip, a chat text, cannot be read: {words}")
    assert NAME not in refused[0].reason
    messages = [i for i in records if isinstance(i, Item) and i.kind == "message"]
    assert [m.locator for m in messages] == ["WhatsApp Chat with Amy Test.txt: line 1", "WhatsApp Chat with Amy Test.txt: line 2"]
    assert [d.name for d in records if isinstance(d, DerivedFile)] == ["IMG-20240112-WA0001.jpg"]


def test_a_zip_whose_only_chat_cannot_be_read_and_no_media_is_refused_whole(tmp_path):
    path = export_zip(tmp_path / "exports.zip", {f"WhatsApp Chat with {NAME}.txt": BAD["no header"][0]})
    with pytest.raises(UnsupportedInput) as info:
        _read(path, tmp_path / "w")
    assert str(info.value).startswith(f"[E031] {path}: member 1 of the zip, a chat text, cannot be read: no recognisable")
    assert NAME not in str(info.value)


def test_a_refused_message_of_a_zip_of_several_chats_is_not_located_by_the_member_name(tmp_path):
    chat = ANDROID_CHAT.encode() + b"12/01/2024, 10:02 - Amy Test: caf\xe9\n"
    path = export_zip(tmp_path / "exports.zip", {"WhatsApp Chat with Amy Test.txt": ANDROID_CHAT, f"WhatsApp Chat with {NAME}.txt": chat})
    records = _read(path, tmp_path / "w")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("member[2] line 3", "E033")]  # before: 'WhatsApp Chat with NAME.txt: line 3'
    assert refused[0].reason.startswith(f"[E033] {path} (member 2, a chat text): the message at line 3 cannot be read")
    assert NAME not in refused[0].reason
    messages = [i.locator for i in records if isinstance(i, Item) and i.kind == "message"]
    assert f"WhatsApp Chat with {NAME}.txt: line 1" in messages and len(messages) == 4  # item locators as before
