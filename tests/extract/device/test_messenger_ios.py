"""Facebook Messenger for iOS (``lightspeed-userDatabases/<id>.db``): end-to-end encrypted chats, kept decrypted in
``client_messages``, read with sender, direction (the owner from ``_user_info``), time and attachments; secret
conversations, stored encrypted, counted in one refusal. Before, the database was quarantined as one no reader takes
(E031): none of the chats reached review."""

from __future__ import annotations

from redactor.errors import EncryptedInput
from redactor.records import Item, Refused
from tests.extract.device.generated.messenger import lightspeed_db
from tests.extract.device.helpers import pick, records_of, run, seg
from tests.extract.device.sqlite_damage import damage_middle_leaf


def _messages(records: list) -> list[Item]:
    return [r for r in records if isinstance(r, Item) and r.kind == "message"]


def test_client_messages_with_sender_direction_time_and_attachments(tmp_path):
    path = tmp_path / "100.db"
    lightspeed_db(path)
    assert pick(path) == "messenger-msys-db"
    items, _, people = run(path, tmp_path / "work")
    first, reply = _messages(items)
    assert first.locator == "client_messages pk=1" and seg(first, "sender.name") == "Dana Whitcombe"
    facts, out = first.device.to_json(), reply.device.to_json()
    assert facts["direction"]["value"] == "incoming" and facts["time"]["utc"] == "2024-02-29T15:56:47Z"
    assert out["direction"]["value"] == "outgoing" and seg(reply, "attachment.name") == "IMG_0042.jpg"
    assert facts["thread"]["key"] == out["thread"]["key"]
    assert [p.name for p in people] == ["Dana Whitcombe"]


def test_without_user_info_the_direction_is_unknown(tmp_path):
    path = tmp_path / "100.db"
    lightspeed_db(path, owner=False)
    items, _, _ = run(path, tmp_path / "work")
    assert {m.device.to_json()["direction"]["value"] for m in _messages(items)} == {"unknown"}


def test_secret_conversations_are_counted_in_one_refusal_never_read(tmp_path):
    path = tmp_path / "100.db"
    lightspeed_db(path, secret=3)
    records = records_of(path, tmp_path / "work")
    (refused,) = [r for r in records if isinstance(r, Refused)]
    assert refused.locator == "secure_messages" and refused.code == EncryptedInput.code and "3 secret" in refused.reason
    assert len(_messages(records)) == 2


def test_a_damaged_page_of_client_messages_refuses_its_rows_and_the_rest_are_read(tmp_path):
    path = tmp_path / "100.db"
    lightspeed_db(path, extra=3_000)
    lost = damage_middle_leaf(path, "client_messages")
    records = records_of(path, tmp_path / "work", "messenger-msys-db")
    refused = [r.locator for r in records if isinstance(r, Refused)]
    assert len(refused) == 1 and refused[0].startswith("client_messages rows ")
    assert lost and len(_messages(records)) == 3_002 - len(lost)
