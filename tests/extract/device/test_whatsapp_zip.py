"""WhatsApp exports with media (the zip "Export chat > Attach media" writes): generated zips only."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest

from redactor.errors import CorruptInput, EmptyInput, HostileInput
from tests.extract.device.helpers import pick, run, seg

PHOTO = "00000002-PHOTO-2024-01-12-10-01-00.jpg"
AUDIO = "00000003-AUDIO-2024-01-12-10-02-00.opus"
IOS_CHAT = (
    "[12/01/2024, 10:00:00] Amy Test: hello call me on 07700 900123\n"
    f"[12/01/2024, 10:01:00] Bob Jones: \u200e<attached: {PHOTO}>\n"
    f"[12/01/2024, 10:02:00] Bob Jones: <attached: {AUDIO}>\n"
    "[13/01/2024, 09:00:00] Amy Test: see you\nat the station\n"
)
ANDROID_CHAT = "12/01/2024, 10:00 - Amy Test: hi\n12/01/2024, 10:01 - Bob Jones: IMG-20240112-WA0001.jpg (file attached)\n"


def picture(text: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (900, 160), "white")
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 36)
    ImageDraw.Draw(img).text((20, 50), text, fill="black", font=font)
    buf = io.BytesIO()
    img.save(buf, "JPEG")
    return buf.getvalue()


def export_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


@pytest.fixture
def ios_zip(tmp_path) -> Path:
    members = {"_chat.txt": IOS_CHAT, PHOTO: picture("Call Mark Brown on 07700 900456"), "notes/extra.txt": "Carol White"}
    return export_zip(tmp_path / "WhatsApp Chat - Amy Test.zip", members)


def test_the_chat_is_read_and_every_other_member_is_a_source_of_its_own(ios_zip, tmp_path):
    assert pick(ios_zip) == "whatsapp-zip"
    items, derived, people = run(ios_zip, tmp_path / "work")
    messages = [i for i in items if i.kind == "message"]
    assert [seg(m, "text") for m in messages] == ["hello call me on 07700 900123", None, None, "see you\nat the station"]
    assert sorted(d.name for d in derived) == sorted([PHOTO, "extra.txt"])
    for d in derived:  # copied inside the case's work folder, byte for byte
        assert (tmp_path / "work") in d.path.parents and d.path.stat().st_size > 0
    assert {p.name for p in people} >= {"Amy Test", "Bob Jones"}
    thread = next(i for i in items if i.kind == "thread")
    assert seg(thread, "thread.name") == "Amy Test"  # from the zip's name: the iOS chat text is just _chat.txt
    assert not list((tmp_path / "work" / "tmp").iterdir())  # the chat's working copy is gone


def test_a_named_file_in_the_zip_is_present_with_its_hash_and_a_missing_one_says_so(ios_zip, tmp_path):
    items, derived, _ = run(ios_zip, tmp_path / "work")
    attachments = {a.name: a for i in items for a in i.device.attachments}
    photo, audio = attachments[PHOTO], attachments[AUDIO]
    photo_file = next(d for d in derived if d.name == PHOTO)
    assert photo.present and dict(photo.extra)["sha256"] == hashlib.sha256(photo_file.path.read_bytes()).hexdigest()
    assert not audio.present and "not in the export zip" in dict(audio.extra)["how"]


def test_an_android_export_zip_with_its_named_chat_file(tmp_path):
    path = export_zip(tmp_path / "chat.zip", {"WhatsApp Chat with Amy Test.txt": ANDROID_CHAT, "IMG-20240112-WA0001.jpg": picture("x")})
    assert pick(path) == "whatsapp-zip"
    items, derived, _ = run(path, tmp_path / "work")
    assert [d.name for d in derived] == ["IMG-20240112-WA0001.jpg"]
    assert next(a for i in items for a in i.device.attachments).present
    assert seg(next(i for i in items if i.kind == "thread"), "thread.name") == "Amy Test"


def test_two_chats_in_one_zip_keep_apart(tmp_path):
    path = export_zip(tmp_path / "exports.zip", {"a/_chat.txt": ANDROID_CHAT, "b/_chat.txt": ANDROID_CHAT})
    items, _, _ = run(path, tmp_path / "work")
    threads = [i for i in items if i.kind == "thread"]
    assert len(threads) == 2 and len({t.device.thread.key for t in threads}) == 2
    assert len({i.item_id for i in items}) == len(items)


def test_a_zip_that_is_not_a_whatsapp_export_is_not_claimed(tmp_path):
    path = export_zip(tmp_path / "photos.zip", {"a.jpg": picture("x"), "readme.txt": "hello"})
    assert pick(path) != "whatsapp-zip"


@pytest.mark.parametrize(
    ("members", "error", "words"),
    [
        ({"_chat.txt": IOS_CHAT, "../../evil.txt": "x"}, HostileInput, "zip slip"),
        ({"_chat.txt": ""}, EmptyInput, "chat text in the zip is empty"),
        (
            {"_chat.txt": b"12/01/2024, 10:00 - Amy: caf\xe9\n"},
            CorruptInput,
            "member 1 of the zip, a chat text, cannot be read: the message at line 1 cannot be read: line 1 is not valid UTF-8",
        ),
    ],
    ids=["zip-slip", "empty-chat", "bad-utf8"],
)
def test_bad_export_zips_fail_clearly_naming_the_file(members, error, words, tmp_path):
    path = export_zip(tmp_path / "WhatsApp Chat - Amy.zip", members)
    with pytest.raises(error) as info:
        run(path, tmp_path / "work")
    assert str(path) in str(info.value) and words in str(info.value)
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path.parent / "evil.txt").exists()


def test_a_truncated_export_zip_is_recognised_and_refused_clearly(ios_zip, tmp_path):
    cut = tmp_path / "WhatsApp Chat - Cut.zip"
    cut.write_bytes(ios_zip.read_bytes()[:-200])  # the central directory is gone
    assert pick(cut) == "whatsapp-zip"
    with pytest.raises(CorruptInput, match="truncated or damaged"):
        run(cut, tmp_path / "work")


def test_through_the_runner_the_photo_is_read_by_ocr_and_its_number_flagged(ios_zip, tmp_path):
    from click.testing import CliRunner

    from redactor.case import CaseStore
    from redactor.cli import main

    case = tmp_path / "case"
    result = CliRunner().invoke(main, ["run", str(ios_zip), "--case", str(case)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    with CaseStore.open(case) as store:
        texts = {s.segment_id: s.text for item in store.items() for s in item.segments}
        flagged = {texts[f.segment_id][f.start : f.end] for f in store.flags()}
        assert len(store.sources()) == 3
    assert "07700 900123" in flagged  # the chat
    assert any("900456" in v for v in flagged)  # the photo, through OCR
    assert "Carol White" in flagged  # a file the chat never names is read too
