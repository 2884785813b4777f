"""MSAB XRY text exports written by the tests, in the layout the Autopsy XRY data source processor reads (its unit
test's entries are the model of ``CALLS`` and ``MESSAGES``): UTF-16LE with a BOM, a five-line header starting
``XRY Export`` with the report type third, entries separated by blank lines, ``Key:<TAB>Value`` lines and party lines.
Every number is an Ofcom drama number, every person and place invented."""

from __future__ import annotations

from pathlib import Path

HEADER = ["XRY Export", "Case: Test case", "{report}", "Exported: 01/03/2024", ""]

MESSAGES = [
    [
        "Messages-SMS #\t1",
        "Text:\tAre you home? Flat 2, 14 Mill Lane  ",
        "call me on 07700 900123",
        "Time:\t1/23/2024 1:23:45 PM UTC (Network)",
        "Type: \tDeliver",
        "Status:\tRead",
        "From",
        "Tel:\t\t+447700900456",
        "Name (Matched):\tDana Whitfield",
    ],
    [
        "Messages-SMS #\t2",
        "Text:\t\tok see you at Hollins Road",
        "Time:\t\t1/23/2024 1:33:44 PM (Device)",
        "Type: \t\tSubmit",
        "To",
        "Tel:\t\t+447700900456",
    ],
    [
        "Messages-SMS #\t3",
        "Text:\tThis long message was split by the phone into two segments so that the fi",
        "Reference Number:\t22",
        "Segment Number:\t\t1",
        "Segments:\t\t2",
        "Time:\t1/24/2024 9:00:00 AM UTC+1 (Network)",
        "Type: \tDeliver",
        "From",
        "Tel:\t\t+447700900789",
    ],
    [
        "Messages-SMS #\t4",
        "Text:\trst part ends mid word; Priya Raman lives at 9 Kiln Close",
        "Reference Number:\t22",
        "Segment Number:\t\t2",
        "Segments:\t\t2",
        "Time:\t1/24/2024 9:00:00 AM UTC+1 (Network)",
        "Type: \tDeliver",
        "From",
        "Tel:\t\t+447700900789",
    ],
    [
        "Messages-SMS #\t5",
        "Text:\tfirst paragraph",
        "",
        "Messages are fun #\tnot a title: after a blank line, but no number",
        "second paragraph, Sam Okafor",
        "Time:\t1/25/2024 10:00:00 PM (Device)",
        "Participant",
        "Tel:\t\t01632 960111",
        "Colour:\tblue",
    ],
]

CALLS = [
    ["Calls #\t1", "Call Type:\tMissed", "Time:\t\t1/2/2024 1:23:45 PM (Device)", "From", "Tel:\t\t07700 900222"],
    ["Calls #\t2", "Call Type: \tDialed", "Time:\t\t1/2/2024 2:34:56 PM (Device)", "Duration:\t00:00:05", "To", "Tel:\t\t07700 900333"],
    ["Calls #\t3", "Call Type: \tLast Dialed", "Number: \t1234", "Storage:\tSIM", "To"],
    ["Calls #\t4", "Call Type: \tReceived", "Time:\t\t1/2/2024 2:34:56 AM (Device)", "Duration:\t00:00:20", "From", "Tel:\t\t07700 900444"],
]

CONTACTS = [
    ["Contacts-Contacts #\t1", "Name:\t\tDana Whitfield", "Tel:\t\t+447700900456", "Mobile:\t07700 900555", "Storage:\tDevice"],
    ["Contacts-Contacts #\t2", "Name:\t\tPriya Raman", "Email Home:\tpriya@example.invalid", "Address Home:\t9 Kiln Close, Leeds"],
]

DEVICE = [
    ["Device-General Information #\t1", "Data:\tNokia XYZ", "Attribute:\tDevice Name"],
    ["Device-General Information #\t2", "Data:\t+447700900999", "Attribute:\tMSISDN"],
    ["Device-General Information #\t3", "Data:\t353456789012345", "Attribute:\tMobile Id (IMEI)"],
]


def text_of(report: str, entries: list[list[str]], header: list[str] | None = None) -> str:
    lines = [x.format(report=report) for x in (header if header is not None else HEADER)]
    for entry in entries:
        lines += [*entry, ""]
    return "\r\n".join(lines) + "\r\n"


def xry_file(path: Path, report: str, entries: list[list[str]], *, encoding: str = "utf-16-le", header: list[str] | None = None) -> Path:
    """The export as XRY writes it: UTF-16LE with a BOM and Windows line ends (``encoding="utf-8"``: UTF-8, no BOM)."""
    data = text_of(report, entries, header).encode(encoding)
    path.write_bytes((b"\xff\xfe" if encoding == "utf-16-le" else b"") + data)
    return path


def many_messages(count: int) -> list[list[str]]:
    """``count`` one-line SMS entries, received and sent in turn, from ten numbers."""
    out = []
    for n in range(1, count + 1):
        way = ("Deliver", "From") if n % 2 else ("Submit", "To")
        out.append(
            [
                f"Messages-SMS #\t{n}",
                f"Text:\tmessage {n} about the meeting",
                f"Time:\t3/{1 + n % 28}/2024 {1 + n % 12}:15:00 PM (Device)",
                f"Type:\t{way[0]}",
                way[1],
                f"Tel:\t\t+4477009001{n % 10:02d}",
            ]
        )
    return out
