"""SMS Backup & Restore, Telegram and Meta message exports."""

from __future__ import annotations

import io

import pytest

from redactor.extract.device.meta import fix_mojibake
from redactor.extract.device.sms_backup import SurrogateFix, fix_surrogates
from tests.extract.device.helpers import pick, run, seg

SBR = "synthetic/sms_backup_restore"


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        (b"&#55357;&#56832;", b"&#128512;"),
        (b"&#xD83D;&#xDE00;", b"&#128512;"),
        (b"a &#55357; b", b"a &#65533; b"),
        (b"&#56832;&#65;", b"&#65533;&#65;"),
        (b"&amp; &#233;", b"&amp; &#233;"),
    ],
)
def test_surrogate_references(raw, fixed):
    assert fix_surrogates(raw) == fixed


@pytest.mark.parametrize("chunk", [3, 7, 64, 4096])
def test_surrogate_fix_across_chunk_boundaries(chunk):
    data = b"<a>" + b"x &#55357;&#56832; y" * 700 + b"</a>"
    stream, out = SurrogateFix(io.BytesIO(data)), b""
    while block := stream.read(chunk):
        out += block
    assert out == fix_surrogates(data) and out.count(b"&#128512;") == 700


def test_sms_directions_threads_emoji_and_mms(samples, tmp_path):
    path = samples / SBR / "sms-20240301120000.xml"
    assert pick(path) == "sms-backup-restore"
    items, derived, people = run(path, tmp_path)
    sms = [i for i in items if i.title == "SMS"]
    assert [i.device.direction for i in sms] == ["incoming", "outgoing", "incoming"]
    assert sms[0].device.thread.key == sms[1].device.thread.key  # +44 and national forms of one number
    assert seg(sms[1], "text") == "No worries. Door code is 4821 \U0001f600"
    assert sms[0].device.time.utc == "2024-03-01T09:15:02Z"
    mms = next(i for i in items if i.title == "MMS")
    assert seg(mms, "text") == "Group: photo of the car outside no. 14"
    assert mms.device.sender.phone == "+447700900123" and mms.device.sender.name == "Alex Witness"
    assert mms.device.attachments[0].present is True and len(derived) == 1 and derived[0].path.read_bytes().startswith(b"GIF89a")
    assert {"Alex Witness", "Jo Example"} <= {p.name for p in people}


def test_call_log(samples, tmp_path):
    items, _, _ = run(samples / SBR / "calls-20240301120000.xml", tmp_path)
    assert [i.device.direction for i in items] == ["outgoing", "missed", "incoming"]
    assert items[0].meta["duration"] == "95 s" and seg(items[0], "party.name") == "Alex Witness"
    assert items[2].meta["presentation"] == "restricted" and not items[2].segments


def test_telegram_full_export(samples, tmp_path):
    path = samples / "synthetic" / "telegram" / "result.json"
    assert pick(path) == "telegram"
    items, _, people = run(path, tmp_path)
    messages = [i for i in items if i.kind == "message"]
    assert seg(messages[1], "text") == "Call +447700900456 or email sam.owner@example.net"
    assert [m.device.direction for m in messages[:3]] == ["incoming", "outgoing", "outgoing"]
    assert messages[1].meta["edited"] is True and messages[1].meta["reply_to"] == 101
    assert messages[4].meta["system"] is True and "phone call" in seg(messages[4], "text")
    assert messages[2].device.attachments[0].name == "photo_1@01-03-2024_09-18-00.jpg"
    owner = next(p for p in people if p.device_owner)
    assert owner.name == "Sam Owner" and "+447700900001" in owner.phones


@pytest.mark.parametrize("name", ["test_single_export.json", "test_batch_export.json"])
def test_telegram_public_samples(samples, name, tmp_path):
    items, _, _ = run(samples / "public" / "chat-miner" / "telegram" / name, tmp_path)
    texts = [seg(i, "text") for i in items if i.kind == "message"]
    assert texts == ["Minimal Message", "Link:https://telegram.org/"]


def test_meta_mojibake_and_order(samples, tmp_path):
    path = samples / "synthetic" / "facebook" / "message_1.json"
    assert pick(path) == "meta-messages"
    items, _, people = run(path, tmp_path)
    messages = [i for i in items if i.kind == "message"]
    assert seg(messages[2], "text") == "my number changed to 07700 900123 \u2013 Zo\u00eb"
    assert seg(messages[0], "reactions") == "\u2764 Zo\u00eb Example"
    assert "Zo\u00eb Example" in {p.name for p in people}
    assert messages[1].device.attachments[0].name == "123_456.jpg"


@pytest.mark.parametrize(("raw", "fixed"), [("Zo\u00c3\u00ab", "Zo\u00eb"), ("plain", "plain"), ("Zo\u00eb", "Zo\u00eb")])
def test_fix_mojibake(raw, fixed):
    assert fix_mojibake(raw) == fixed


# what each ChatStorage.sqlite holds: the generated one, and iLEAPP's public iOS 15 test image in ../shared
CHATSTORAGE = {
    "generated": {
        "messages": 6,
        "threads": 2,
        "text": "I\u2019m outside",
        "utc": "2024-02-29T15:56:47",
        "reply": "Saturday",
        "sender": ("Alex Witness", "+447700900123"),
        "lat": "50.7",
    },
    "shared": {
        "messages": 32,
        "threads": 5,
        "text": "I\u2019m here!",
        "utc": "2023-05-02T15:56:47",
        "reply": "Awesome.",
        "sender": ("This Is DFIR Two", "+19198887386"),
        "lat": "35.6",
    },
}


@pytest.mark.parametrize("which", ["generated", "shared"])
def test_ios_whatsapp_chatstorage(which, request, tmp_path):
    facts = CHATSTORAGE[which]
    path = request.getfixturevalue(f"{which}_samples") / "public" / "ileapp" / "ios15_whatsapp_ChatStorage.sqlite"
    assert pick(path) == "whatsapp-ios-db"
    before = path.stat().st_mtime
    items, _, people = run(path, tmp_path)
    messages = [i for i in items if i.kind == "message"]
    assert len(messages) == facts["messages"] and sum(i.kind == "thread" for i in items) == facts["threads"]
    first_text = next(m for m in messages if seg(m, "text") == facts["text"])
    assert first_text.device.to_json()["direction"] == {"value": "outgoing", "how": "ZISFROMME"}
    assert first_text.device.time.utc.startswith(facts["utc"])
    reply = next(m for m in messages if (seg(m, "text") or "").startswith(facts["reply"]))
    assert (seg(reply, "sender.name"), reply.device.sender.phone) == facts["sender"]
    location = next(m for m in messages if m.meta["message_type"] == "location")
    assert seg(location, "location").startswith(facts["lat"])
    image = next(m for m in messages if m.meta["message_type"] == "image")
    assert seg(image, "location") is None and image.device.attachments[0].name.endswith(".jpg")
    assert facts["sender"][0] in {p.name for p in people}
    assert path.stat().st_mtime == before  # opened read-only


def test_mms_with_an_attachment_over_ten_megabytes(tmp_path):
    import base64

    payload = base64.b64encode(b"\xff\xd8\xff" + b"\x00" * (8 << 20)).decode()  # 11 MB of base64 in one attribute
    path = tmp_path / "sms-big.xml"
    path.write_text(
        "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"1\">"
        f'<mms date="1709285000000" msg_box="1" address="+447700900123"><parts>'
        f'<part seq="0" ct="image/jpeg" name="big.jpg" data="{payload}" /></parts>'
        '<addrs><addr address="+447700900123" type="137" /></addrs></mms></smses>\n'
    )
    items, derived, _ = run(path, tmp_path / "w")
    assert items[0].device.to_json()["attachments"][0]["size"] == 3 + (8 << 20) and derived[0].path.stat().st_size == 3 + (8 << 20)
