"""A WhatsApp message that cannot be read (a line not valid UTF-8, over the size limit), a file of an export zip that
cannot be copied out (encrypted, damaged) and a ChatStorage.sqlite message row whose text is not UTF-8 are refused
alone: the reader yields a ``Refused`` naming the file, the part and the problem (never its text, nor a member's name),
and reads everything else as it would without it. Before, each refused the whole export or database, and every good
message in it was lost to the case. An export none of whose messages can be read is still refused whole."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from benchmarks.device_data import write_chatstorage
from redactor.errors import CorruptInput
from redactor.extract.device import whatsapp, whatsapp_ios
from redactor.records import CaseSnapshot, DerivedFile, Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import pick, source_for
from tests.extract.device.test_whatsapp_zip import AUDIO, IOS_CHAT, PHOTO

SECRET = "Quillon Marchbanks"  # in the refused parts only: never in a reason


def _line(i: int, text: str = "") -> bytes:
    return f"01/03/2024, 09:{i:02d} - Alex Witness: message {i} {text}\n".encode()


def _read(path: Path, work: Path) -> list:
    ctx = StageContext(work / "models", work, CaseSnapshot(), None)
    name = pick(path)
    reader = {"whatsapp": whatsapp.extract_whatsapp, "whatsapp-ios-db": whatsapp_ios.extract_chatstorage}.get(name)
    if reader is None:
        from redactor.extract.device.whatsapp_zip import extract_whatsapp_zip as reader
    return list(reader(source_for(path), path, ctx))


def _messages(records: list) -> list[tuple]:
    return [(i.locator, [(s.field, s.text) for s in i.segments]) for i in records if isinstance(i, Item) and i.kind == "message"]


def test_a_message_with_a_damaged_line_or_over_the_limit_is_refused_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(whatsapp, "MAX_MESSAGE", 4096)
    monkeypatch.setattr(whatsapp, "LINE", 1000)
    monkeypatch.setattr(whatsapp, "HEAD", 100)
    lines = [_line(i) for i in range(1, 13)]
    lines[2] = _line(3, SECRET).replace(b"message", b"m\xe9ssage")  # message 3's header line is not UTF-8
    lines[5] = _line(6) + f"{SECRET} and caf".encode() + b"\xe9\n"  # message 6's second line is not
    lines[7] = _line(8) + (SECRET.encode() * 150 + b"\n") * 2  # message 8's lines together are over the limit
    lines[9] = _line(10, SECRET * 500)  # message 10 is one line over the limit
    path = tmp_path / "WhatsApp Chat with Alex Witness.txt"
    path.write_bytes(b"".join(lines))
    records = _read(path, tmp_path / "w")  # before: CorruptInput for the whole export at line 3
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("line 3", "E033"), ("line 6", "E033"), ("line 9", "E036"), ("line 13", "E036")]
    assert [r.reason.split(": ", 1)[1] for r in refused] == [
        f"the message at line 3 cannot be read: line 3 is not valid UTF-8 (byte {lines[2].index(0xE9)}); refused (the file is damaged or truncated; "
        "obtain a fresh copy from the exhibit)",
        f"the message at line 6 cannot be read: line 7 is not valid UTF-8 (byte {len(SECRET) + 8}); refused (the file is damaged or truncated; "
        "obtain a fresh copy from the exhibit)",
        "the message at line 9 cannot be read: its lines are over 0 MB (WhatsApp sends at most 65,536 characters); refused (it is "
        "not a message of a chat export; examine the exhibit with forensic tools)",
        "the message at line 13 cannot be read: line 13 is over 0 MB (WhatsApp sends at most 65,536 characters); refused (it is "
        "not a message of a chat export; examine the exhibit with forensic tools)",
    ]
    assert all(r.reason.startswith(f"[{r.code}] {path}: ") and SECRET not in r.reason for r in refused)
    reference = tmp_path / "reference" / path.name
    reference.parent.mkdir()
    reference.write_bytes(b"".join(line if n not in (2, 5, 7, 9) else b"" for n, line in enumerate(lines)))
    expected = _read(reference, tmp_path / "r")
    assert [loc for loc, _ in _messages(records)] == [f"line {n}" for n in (1, 2, 4, 5, 8, 12, 14, 15)]
    assert [s for _, s in _messages(records)] == [s for _, s in _messages(expected)]
    assert all(SECRET not in text for _, segments in _messages(records) for _, text in segments)
    thread = next(i for i in records if isinstance(i, Item) and i.kind == "thread")
    assert thread.meta["messages"] == 8


def test_an_export_whose_every_message_is_refused_is_refused_whole(tmp_path):
    path = tmp_path / "_chat.txt"
    path.write_bytes(b"01/03/2024, 09:15 - Alex: caf\xe9 ok\n")
    with pytest.raises(CorruptInput, match="the message at line 1 cannot be read: line 1 is not valid UTF-8"):
        _read(path, tmp_path / "w")


def test_a_damaged_file_of_an_export_zip_is_refused_alone(tmp_path):
    path = tmp_path / "WhatsApp Chat - Amy.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("_chat.txt", IOS_CHAT, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr(PHOTO, b"photo of " + SECRET.encode())
        archive.writestr(AUDIO, b"audio")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(PHOTO)
    data[info.header_offset + 30 + len(PHOTO) + 2] ^= 0xFF  # the photo's stored bytes: its CRC fails
    path.write_bytes(bytes(data))
    records = _read(path, tmp_path / "w")  # before: CorruptInput for the whole zip
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("member[2]", "E033")]
    assert refused[0].reason.startswith(f"[E033] {path}: member 2 of the zip could not be copied out: the archive is damaged")
    assert SECRET not in refused[0].reason and "PHOTO" not in refused[0].reason
    assert [d.path.read_bytes() for d in records if isinstance(d, DerivedFile)] == [b"audio"]
    attached = {a.name: a.to_json() for i in records if isinstance(i, Item) and i.kind == "message" for a in i.device.attachments}
    assert attached[PHOTO]["present"] is False and attached[PHOTO]["refused"] == "E033"
    assert attached[AUDIO]["present"] is True
    assert len(_messages(records)) == 4


def test_a_chatstorage_row_whose_text_is_not_utf8_is_refused_alone(tmp_path):
    path = write_chatstorage(tmp_path / "ChatStorage.sqlite", 40)
    expected = _read(path, tmp_path / "r")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE ZWAMESSAGE SET ZTEXT = CAST(? AS TEXT) WHERE Z_PK IN (7, 31)", (SECRET.encode() + b" caf\xe9",))
    conn.close()
    records = _read(path, tmp_path / "w")  # before: CorruptInput for the database, quoting the row's text
    refused = [r for r in records if isinstance(r, Refused)]
    assert sorted((r.locator, r.code) for r in refused) == [("ZWAMESSAGE Z_PK=31", "E033"), ("ZWAMESSAGE Z_PK=7", "E033")]
    assert all(SECRET not in r.reason and "holds text that is not valid UTF-8" in r.reason for r in refused)
    assert _messages(records) == [m for m in _messages(expected) if m[0] not in ("ZWAMESSAGE Z_PK=7", "ZWAMESSAGE Z_PK=31")]


def test_a_damaged_chat_row_is_refused_alone_without_quoting_it(tmp_path):
    """Before (session 15) the whole database was refused, with a reason that no longer quoted the text; now the chat
    row alone is (tests/extract/device/test_sqlite_damaged.py), its messages read without the chat's name."""
    path = write_chatstorage(tmp_path / "ChatStorage.sqlite", 20)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE ZWACHATSESSION SET ZPARTNERNAME = CAST(? AS TEXT) WHERE Z_PK = 3", (SECRET.encode() + b"\xe9",))
    conn.close()
    records = _read(path, tmp_path / "w")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("ZWACHATSESSION Z_PK=3", "E033")]
    assert "holds text that is not valid UTF-8" in refused[0].reason and SECRET not in refused[0].reason
    assert sum(isinstance(i, Item) and i.kind == "message" for i in records) == 20
    assert all(SECRET not in s.text for i in records if isinstance(i, Item) for s in i.segments)


def _zip_with_damaged_chat(path: Path, how: str, media: bool = True) -> Path:
    """An export zip whose chat text's stored bytes are damaged (``crc``: one byte flipped, stored uncompressed so the
    CRC alone finds it; ``truncated``: its deflate stream cut short) beside a photo and a voice note."""
    chat = (IOS_CHAT + f"[12/01/2024, 10:03:00] Amy Test: {SECRET} 07700 900456\n" * 40).encode()
    compress = zipfile.ZIP_STORED if how == "crc" else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w") as archive:
        if media:
            archive.writestr(PHOTO, b"photo")
        archive.writestr("WhatsApp Chat with Amy Test.txt", chat, compress_type=compress)
        if media:
            archive.writestr(AUDIO, b"audio")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("WhatsApp Chat with Amy Test.txt")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    if how == "crc":
        data[start + 100] ^= 0x20
    else:
        data[start + info.compress_size // 2 : start + info.compress_size] = b"\x00" * (info.compress_size - info.compress_size // 2)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("how", ["crc", "truncated"])
def test_a_damaged_chat_text_of_an_export_zip_is_refused_and_its_media_read(tmp_path, how):
    path = _zip_with_damaged_chat(tmp_path / "WhatsApp Chat - Amy.zip", how)
    records = _read(path, tmp_path / "w")  # before: the whole zip refused (BadZipFile / CorruptInput)
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [("member[2]", "E033")]
    reason = refused[0].reason
    assert reason.startswith(f"[E033] {path}: member 2 of the zip, a chat text, could not be copied out: ")
    assert SECRET not in reason and "Amy Test" not in reason and "07700" not in reason
    assert sorted(d.path.read_bytes() for d in records if isinstance(d, DerivedFile)) == [b"audio", b"photo"]
    assert not [i for i in records if isinstance(i, Item)]  # none of its messages: which bytes are wrong is not known


def test_a_zip_whose_only_file_is_a_damaged_chat_text_is_refused_whole(tmp_path):
    path = _zip_with_damaged_chat(tmp_path / "WhatsApp Chat - Amy.zip", "crc", media=False)
    with pytest.raises(CorruptInput, match="member 1 of the zip, a chat text, could not be copied out") as info:
        _read(path, tmp_path / "w")
    assert SECRET not in str(info.value)
