"""Signal for Android, decrypted: every message read with its body, sender, direction and conversation, in the layout
since 2023 and the one before; recipients known people, the owner not. Before this reader the database was refused as
"Signal's message database, decrypted" with no reader to take it."""

from __future__ import annotations

import pytest

from tests.extract.device.generated.signal_db import signal_db
from tests.extract.device.helpers import pick, run, seg
from tests.extract.device.sqlite_damage import read_around_damage


@pytest.mark.parametrize("older", [False, True], ids=["message", "sms"])
def test_every_message_is_read_with_its_sender_direction_and_conversation(tmp_path, older):
    path = tmp_path / "signal.db"
    signal_db(path, older=older)
    assert pick(path) == "signal-android-db"
    items, _, people = run(path, tmp_path / "work")
    table = "sms" if older else "message"
    messages = {i.locator: i for i in items if i.kind == "message"}
    first, reply, group = (messages[f"{table} _id={n}"] for n in (1, 2, 3))
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane" and seg(first, "sender.name") == "Dana Whitcombe"
    facts = first.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["sender"]["phone"] == "+447700900777"
    assert facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert reply.device.to_json()["direction"]["value"] == "outgoing" and reply.device.to_json()["sender"]["owner"]
    assert reply.device.to_json()["recipients"][0]["phone"] == "+447700900777"
    assert first.device.to_json()["thread"]["key"] == reply.device.to_json()["thread"]["key"] != group.device.to_json()["thread"]["key"]
    names = sorted(p.name for p in people)
    assert "Dana Whitcombe" in names and ("Sam" not in names or older)  # the owner is found from the outgoing messages


def test_a_damaged_page_of_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "signal.db"
    signal_db(path, extra=3_000)
    refused, read, lost = read_around_damage(path, "message", "signal-android-db", tmp_path / "work", "message ")
    assert len(refused) == 1 and refused[0].startswith("message rows ")
    assert read.isdisjoint(lost) and len(read) == 3_003 - len(lost)


def test_the_encrypted_copy_is_still_refused_as_encrypted(tmp_path):
    import random

    from redactor.errors import EncryptedInput

    path = tmp_path / "signal.db"
    path.write_bytes(random.Random(3).randbytes(16_384))
    with pytest.raises(EncryptedInput, match="Signal for Android"):
        run(path, tmp_path / "work")
