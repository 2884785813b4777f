"""Chat exports written from message lists: WhatsApp (every header style), Signal, Telegram, Meta, SMS Backup & Restore.

Every person, number and address is invented (Ofcom drama ranges 07700 900xxx, 01632 960xxx).
The layouts mirror ``shared/samples/device`` so the same tests run on either folder.
"""

from __future__ import annotations

import base64
import io
import json
from datetime import UTC, datetime
from pathlib import Path
from xml.sax.saxutils import quoteattr

from PIL import Image

LRM, NNBSP = "\u200e", "\u202f"
ALEX, SAM, JO, ZOE = "Alex Witness", "Sam Owner", "Jo Example", "Zo\u00eb Example"
ADDRESS_ASK = "Morning. Can you send me the address for Flat 2, 14 Example Road again?"
CALL_ME = "Here you go. Call me on 07700 900456 if lost."


def tiny_gif() -> bytes:
    out = io.BytesIO()
    Image.new("P", (1, 1)).save(out, "GIF", transparency=0)  # GIF89a, as phones send
    return out.getvalue()


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    return path


def _android(day: str, clock: str, rest: str) -> str:
    return f"{day}, {clock} - {rest}"


def whatsapp_android_gb(path: Path) -> Path:
    """Android en-GB 24 h with a BOM: system lines first, a continuation line, every marker (12 messages)."""
    rows = [
        ("09:14", "Messages and calls are end-to-end encrypted. No one outside of this chat can read them."),
        ("09:14", f'{SAM} created group "Flat 2"'),
        ("09:14", f"{SAM} added {ALEX}"),
        ("09:15", f"{ALEX}: {ADDRESS_ASK}"),
        ("09:16", f"{SAM}: {CALL_ME}"),
        ("09:16", f"{SAM}: IMG-20240301-WA0003.jpg (file attached)"),
        ("09:17", "+44 7700 900789: <Media omitted>"),
        ("09:18", f"{ALEX}: Thanks. Also my new email is\nalex.witness@example.org"),
        ("09:20", f"{ALEX}: This message was deleted"),
        ("09:21", f"{SAM}: null"),
        ("09:22", f"{ALEX}: ok see you there <This message was edited>"),
        ("09:23", "+44 7700 900789 left"),
    ]
    return _write(path, "\ufeff" + "".join(_android("01/03/2024", t, r) + "\n" for t, r in rows))


def whatsapp_ios_gb(path: Path) -> Path:
    """iOS en-GB 24 h with U+200E marks, attachments, a deleted, an edited and a multi-line message (10 messages)."""
    rows = [
        ("09:14:55", f"{ALEX}: {LRM}Messages and calls are end-to-end encrypted."),
        ("09:15:02", f"{ALEX}: {ADDRESS_ASK}"),
        ("09:16:10", f"{SAM}: {CALL_ME}"),
        ("09:16:11", f"{SAM}: {LRM}<attached: 00000003-PHOTO-2024-03-01-09-16-11.jpg>"),
        ("09:18:30", f"{ALEX}: Thanks. My email is\nalex.witness@example.org\n  (the old one is closed)"),
        ("09:20:44", f"{ALEX}: {LRM}This message was deleted."),
        ("09:21:00", f"{SAM}: {LRM}image omitted"),
        ("09:22:13", f"{ALEX}: ok see you there {LRM}<This message was edited>"),
        ("09:23:00", f"{SAM}: {LRM}Location: https://maps.example.org/?q=50.7184,-3.5339"),
        ("09:24:00", f"{SAM}: {LRM}Jo Example.vcf \u2022 1 card {LRM}<attached: 00000009-Jo Example.vcf>"),
    ]
    lines = [(LRM if "attached" in r else "") + f"[01/03/2024, {t}] {r}" for t, r in rows]
    return _write(path, "\n".join(lines) + "\n")


def whatsapp_ios_us(path: Path) -> Path:
    """iOS en-US 12 h, month first, U+202F before AM/PM (3 messages)."""
    rows = [
        ("9:15:02", "AM", f"{ALEX}: Morning, are you in?"),
        ("9:16:10", "AM", f"{SAM}: Yes."),
        ("1:05:00", "PM", f"{SAM}: {LRM}<attached: 00000004-AUDIO-2024-03-01-13-05-00.opus>"),
    ]
    return _write(path, "".join(f"[3/1/24, {t}{NNBSP}{ap}] {r}\n" for t, ap, r in rows))


# The chat-miner shapes: nine header lines (two of them system lines) over three years, two continuations.
MINER = [
    ((2019, 1, 1), (11, 25), "Kim Sample: Good morning all."),
    ((2019, 1, 20), (11, 23), "Kim Sample:."),
    ((2019, 1, 30), (20, 49), "Kit Sample: First line of a longer note,\nand its second line."),
    ((2020, 6, 10), (15, 55), "Kim-Lee Sample: a colon : inside the text."),
    ((2020, 6, 20), (0, 8), '+44 7700 900555 created group "Groupname"'),
    ((2020, 6, 30), (9, 10), "You were added"),
    ((2021, 12, 10), (10, 10), "Kim Sample \U0001f913: emoji in the name \U0001f913"),
    ((2021, 12, 20), (12, 10), "\U0001f913: only an emoji \U0001f913"),
    ((2021, 12, 30), (22, 1), "Kim Sample: last one,\nwith a second line."),
]


def _spanish_clock(h: int, m: int) -> str:
    marker = "p. m." if h >= 12 else "a. m."
    return f"{(h - 12 if h > 12 else h):02d}:{m:02d} {marker}"


def whatsapp_miner(path: Path, style: str) -> Path:
    lines = []
    for (y, mo, d), (h, mi), rest in MINER:
        clock = f"{h:02d}:{mi:02d}"
        if style == "ddmmyy":
            lines.append(f"{d:02d}/{mo:02d}/{y % 100:02d}, {clock} - {rest}")
        elif style == "mmddyy":
            lines.append(f"[{mo:02d}/{d:02d}/{y % 100:02d} {clock}] {rest}")
        elif style == "mmddyyyy12":
            lines.append(f"{mo:02d}/{d:02d}/{y}, {_spanish_clock(h, mi)} - {rest}")
        else:
            lines.append(f"{y}/{mo:02d}/{d:02d}, {clock} - {rest}")
    return _write(path, "\n".join(lines) + "\n")


def signal_export(path: Path) -> Path:
    return _write(path, "[2019-12-24, 12:23] Kim Sample: Hello Lee!\n[2020-01-17, 21:49] Lee Sample: Hello\nKim!\n\n")


def _unix(iso: str) -> str:
    return str(int(datetime.fromisoformat(iso).replace(tzinfo=UTC).timestamp()))


def _tg_message(mid: int, iso: str, sender: str, uid: int, text, **extra) -> dict:
    entities = (
        [{"type": "plain", "text": text}]
        if isinstance(text, str)
        else [p if isinstance(p, dict) else {"type": "plain", "text": p} for p in text]
    )
    message = {"id": mid, "type": "message", "date": iso, "date_unixtime": _unix(iso), "from": sender, "from_id": f"user{uid}"}
    return {**message, **extra, "text": text, "text_entities": entities if text else []}


def telegram_full(path: Path) -> Path:
    """Telegram Desktop full export: owner, contacts, entity-list text, a reply and edit, a photo, a voice note, a call."""
    me, alex = 1000000001, 1000000002
    messages = [
        _tg_message(101, "2024-03-01T09:15:02", ALEX, alex, "Morning. Is it still 14 Example Road?"),
        _tg_message(
            102,
            "2024-03-01T09:16:10",
            SAM,
            me,
            ["Call ", {"type": "phone", "text": "+447700900456"}, " or email ", {"type": "email", "text": "sam.owner@example.net"}],
            edited="2024-03-01T09:17:00",
            edited_unixtime=_unix("2024-03-01T09:17:00"),
            reply_to_message_id=101,
        ),
        _tg_message(
            103,
            "2024-03-01T09:18:00",
            SAM,
            me,
            "parked outside",
            photo="chats/chat_01/photos/photo_1@01-03-2024_09-18-00.jpg",
            width=640,
            height=480,
        ),
        _tg_message(
            104,
            "2024-03-01T09:19:00",
            ALEX,
            alex,
            "",
            file="(File not included. Change data exporting settings to download.)",
            media_type="voice_message",
        ),
        {
            "id": 105,
            "type": "service",
            "date": "2024-03-01T09:30:00",
            "date_unixtime": _unix("2024-03-01T09:30:00"),
            "actor": SAM,
            "actor_id": f"user{me}",
            "action": "phone_call",
            "duration_seconds": 95,
            "text": "",
            "text_entities": [],
        },
    ]
    data = {
        "about": "Generated export.",
        "personal_information": {
            "user_id": me,
            "first_name": "Sam",
            "last_name": "Owner",
            "phone_number": "+44 7700 900001",
            "username": "@sam_owner_example",
        },
        "contacts": {
            "list": [
                {
                    "user_id": alex,
                    "first_name": "Alex",
                    "last_name": "Witness",
                    "phone_number": "+44 7700 900123",
                    "date": "2023-11-02T18:30:00",
                }
            ]
        },
        "chats": {"list": [{"name": ALEX, "type": "personal_chat", "id": alex, "messages": messages}]},
    }
    return _write(path, json.dumps(data, indent=1))


TG_MINIMAL = [
    {"type": "message", "date_unixtime": "1544006350", "from": "Author 1", "text": "Minimal Message"},
    {
        "type": "message",
        "date_unixtime": "1544006964",
        "from": "Author 2",
        "text": [{"type": "bold", "text": "Link:"}, {"type": "link", "text": "https://telegram.org/"}],
    },
]


def telegram_single(path: Path) -> Path:
    return _write(path, json.dumps({"messages": TG_MINIMAL}, indent=2))


def telegram_batch(path: Path) -> Path:
    return _write(path, json.dumps({"chats": {"list": [{"name": "Chatname", "messages": TG_MINIMAL}]}}, indent=2))


def _mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def meta_thread(path: Path) -> Path:
    """Meta DYI messages with Meta's mojibake (UTF-8 read as Latin-1), newest first, a reaction, a photo and a call."""
    messages = [
        {
            "sender_name": SAM,
            "timestamp_ms": 1709284570000,
            "content": "See you at 14 Example Road \U0001f44d",
            "reactions": [{"reaction": "\u2764", "actor": ZOE}],
        },
        {
            "sender_name": ZOE,
            "timestamp_ms": 1709284502000,
            "photos": [{"uri": "messages/inbox/zoeexample_1/photos/123_456.jpg", "creation_timestamp": 1709284502}],
        },
        {"sender_name": ZOE, "timestamp_ms": 1709284400000, "content": "my number changed to 07700 900123 \u2013 Zo\u00eb"},
        {"sender_name": SAM, "timestamp_ms": 1709284300000, "call_duration": 95, "content": "You called Zo\u00eb."},
    ]
    for m in messages:
        m["sender_name"] = _mojibake(m["sender_name"])
        if "content" in m:
            m["content"] = _mojibake(m["content"])
        for r in m.get("reactions", []):
            r["reaction"], r["actor"] = _mojibake(r["reaction"]), _mojibake(r["actor"])
    data = {
        "participants": [{"name": _mojibake(ZOE)}, {"name": SAM}],
        "messages": messages,
        "title": _mojibake(ZOE),
        "thread_path": "inbox/zoeexample_1",
    }
    return _write(path, json.dumps(data, indent=2))


def meta_minimal(path: Path, names: tuple[str, str]) -> Path:
    messages = [
        {"sender_name": names[0], "timestamp_ms": 1579294140000, "content": f"Hello {names[1].split()[0]}!"},
        {"sender_name": names[1], "timestamp_ms": 1577186580000, "content": f"Hello {names[0].split()[0]}!"},
    ]
    return _write(path, json.dumps({"messages": messages}, indent=2))


def _surrogates(text: str) -> str:
    """SMS Backup & Restore writes characters beyond the BMP as two UTF-16 surrogate references."""
    out = []
    for ch in text:
        if ord(ch) > 0xFFFF:
            v = ord(ch) - 0x10000
            out.append(f"&#{0xD800 + (v >> 10)};&#{0xDC00 + (v & 0x3FF)};")
        else:
            out.append(ch)
    return "".join(out)


def _attrs(**values: str) -> str:
    return " ".join(f"{k}={quoteattr(v)}" for k, v in values.items())


def sms_backup(path: Path) -> Path:
    """Three SMS (received, sent with an emoji, received) and a group MMS with a GIF part, a text part and addresses."""
    sms = [
        dict(address="+447700900123", date="1709284502000", type="1", body="Running 10 mins late, sorry x", contact_name=ALEX),
        dict(address="07700 900123", date="1709284570000", type="2", body="No worries. Door code is 4821 \U0001f600", contact_name=ALEX),
        dict(
            address="+447700900777",
            date="1709143380000",
            type="1",
            body="Your parcel comes to 14 Example Road, EX1 1AA today.",
            contact_name="(Unknown)",
        ),
    ]
    lines = ["<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>", '<smses count="4" backup_date="1709294400000" type="full">']
    for s in sms:
        body = s.pop("body")
        lines.append(f'  <sms protocol="0" {_attrs(**s)} subject="null" body="{_surrogates(body)}" read="1" status="-1" />')
    gif = base64.b64encode(tiny_gif()).decode()
    lines += [
        f'  <mms date="1709285000000" msg_box="1" address="+447700900123~+447700900456" {_attrs(contact_name=f"{ALEX}, {JO}")} m_type="132">',
        "    <parts>",
        '      <part seq="-1" ct="application/smil" name="null" text="&lt;smil&gt;&lt;/smil&gt;" />',
        f'      <part seq="0" ct="image/gif" name="image000000.gif" cl="image000000.gif" text="null" data="{gif}" />',
        '      <part seq="0" ct="text/plain" name="null" text="Group: photo of the car outside no. 14" />',
        "    </parts>",
        "    <addrs>",
        '      <addr address="+447700900123" type="137" charset="106" />',
        '      <addr address="+447700900001" type="151" charset="106" />',
        '      <addr address="+447700900456" type="151" charset="106" />',
        "    </addrs>",
        "  </mms>",
        "</smses>",
    ]
    return _write(path, "\n".join(lines) + "\n")


def sms_calls(path: Path) -> Path:
    """Calls: outgoing with a duration, missed, and a withheld incoming number."""
    calls = [
        dict(number="07700900123", duration="95", date="1709285400000", type="2", presentation="1", contact_name=ALEX),
        dict(number="+447700900456", duration="0", date="1709287200000", type="3", presentation="1", contact_name=JO),
        dict(number="", duration="12", date="1709290800000", type="1", presentation="2", contact_name="(Unknown)"),
    ]
    body = "".join(f"  <call {_attrs(**c)} />\n" for c in calls)
    return _write(path, f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<calls count=\"3\" type=\"full\">\n{body}</calls>\n")
