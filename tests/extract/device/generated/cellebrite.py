"""Cellebrite Excel reports written with openpyxl in the layout public readers of them describe: a title row
(``Chats (3)``), a header row starting with ``#``, a chat's own columns filled only on its first row. Every name and
number is invented (Ofcom's drama ranges, example.com)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHAT_HEADER = [
    "#", "Chat #", "Identifier", "Start Time: Date", "Start Time: Time", "Name", "Participants", "Source", "Account",
    "Instant Message #", "From", "To", "Body", "Status", "Timestamp: Date", "Timestamp: Time", "Attachment #1",
    "Deleted - Instant Message",
]  # fmt: skip
CHATS = [
    # a WhatsApp chat of two: its own columns on its first row only
    [1, 1, "chat-77", "16/04/2023", "10:20:00(UTC+1)", "Dana and me",
     "447700900456@s.whatsapp.net Dana Whitfield\n447700900123@s.whatsapp.net Sam Owner (owner)", "WhatsApp", "447700900123",
     1, "447700900456@s.whatsapp.net Dana Whitfield", "447700900123@s.whatsapp.net Sam Owner", "Are you at 14 Mill Lane?",
     "Read", "16/04/2023", "10:23:45(UTC+1)", None, None],
    [2, None, None, None, None, None, None, None, None,
     2, "447700900123@s.whatsapp.net Sam Owner", "447700900456@s.whatsapp.net Dana Whitfield", "Yes, ring 07700 900789",
     "Sent", "16/04/2023", "10:25:01(UTC+1)", "IMG-20230416-WA0003.jpg", None],
    [3, None, None, None, None, None, None, None, None,
     3, "447700900456@s.whatsapp.net Dana Whitfield", None, "deleted one", "Read", "17/04/2023", "09:00:00(UTC+1)", None, "Deleted"],
    # a second chat, Telegram, whose time carries its date in one cell
    [4, 2, "tg-5", None, None, None, "5550001 Priya Natarajan", "Telegram", None,
     1, "5550001 Priya Natarajan", None, "Meet at the station", "Unread", None, "18/04/2023 21:05:09(UTC+0)", None, None],
]  # fmt: skip
SMS_HEADER = ["#", "Parties", "Folder", "Status", "Timestamp: Time", "Body", "SMSC", "Source"]
SMS = [
    [
        1,
        "From: +447700900456 Dana Whitfield",
        "Inbox",
        "Read",
        "23/01/2024 13:23:45(UTC+0)",
        "Running late",
        "+447785016005",
        "Native Messages",
    ],
    [2, "To: +447700900456 Dana Whitfield", "Sent", "Sent", "23/01/2024 13:33:44(UTC+0)", "ok see you", None, "Native Messages"],
]
CALL_HEADER = ["#", "Parties", "Time", "Direction", "Status", "Duration", "Type", "Source"]
CALLS = [
    [1, "From: +447700900456 Dana Whitfield", "24/01/2024 08:00:00(UTC+0)", "Incoming", "Answered", "00:01:23", "Voice", "Phone"],
    [2, "To: +447700900999", "24/01/2024 09:15:00(UTC+0)", "Outgoing", "Answered", "00:00:10", "Video", "WhatsApp"],
]
CONTACT_HEADER = ["#", "Name", "Interaction Statuses", "Entries", "Source", "Account", "Notes"]
CONTACTS = [
    [1, "Dana Whitfield", "Phone Book", "Phone-Mobile: 07700 900456\nEmail-Home: dana.whitfield@example.com", "Phone", None, "met at work"],
    [2, "Priya Natarajan", "Chat Participant", "User ID-Username: priya_n\nPhone-: +447700900321", "Telegram", None, None],
]
DEVICE_HEADER = ["#", "Name", "Value"]
DEVICE = [[1, "Model", "Example Phone 12"], [2, "MSISDN", "+447700900123"], [3, "IMEI", "490154203237518"]]
SUMMARY = [["Extraction report"], ["Case number", "RASSO-2024-0001"], ["Examiner", "Alex Examiner"]]


def sheet(wb: Any, title: str, header: list[str] | None, rows: list[list[Any]], *, count_title: bool = True) -> Any:
    ws = wb.create_sheet(title)
    if header is None:
        for row in rows:
            ws.append(row)
        return ws
    if count_title:
        ws.append([f"{title} ({len(rows)})"])
    ws.append(header)
    for row in rows:
        ws.append(row)
    return ws


def report(path: Path, sheets: list[tuple[str, list[str] | None, list[list[Any]]]] | None = None) -> Path:
    """A report with the given (title, header or None, rows) sheets; by default every category above."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    default = [
        ("Summary", None, SUMMARY),
        ("Chats", CHAT_HEADER, CHATS),
        ("SMS Messages", SMS_HEADER, SMS),
        ("Call Log", CALL_HEADER, CALLS),
        ("Contacts", CONTACT_HEADER, CONTACTS),
        ("Device Information", DEVICE_HEADER, DEVICE),
    ]
    for title, header, rows in sheets if sheets is not None else default:
        sheet(wb, title, header, rows)
    wb.save(path)
    return path


def many_chats(path: Path, messages: int, per_chat: int = 200) -> Path:
    """A Chats sheet of ``messages`` rows in chats of ``per_chat`` (a benchmark's input), written in streaming mode."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Chats")
    ws.append([f"Chats ({messages})"])
    ws.append(CHAT_HEADER)
    for n in range(messages):
        chat, k = divmod(n, per_chat)
        first = k == 0
        other = f"4477009{chat % 100000:05d}@s.whatsapp.net Contact {chat}"
        own = "447700900123@s.whatsapp.net Sam Owner"
        sent = n % 3 == 0
        ws.append(
            [n + 1, chat + 1 if first else None, f"chat-{chat}" if first else None, None, None, None,
             f"{other}\n{own} (owner)" if first else None, "WhatsApp" if first else None, None,
             k + 1, own if sent else other, other if sent else own, f"message {n} see you at {n % 97} Mill Lane",
             "Sent" if sent else "Read", f"{1 + n % 28:02d}/04/2023", f"{n % 24:02d}:{n % 60:02d}:00(UTC+1)", None, None]
        )  # fmt: skip
    wb.save(path)
    return path
