"""Record-shaped device exports written from code: UFDR, vCard, e-mail and mbox, ALEAPP output, iOS ChatStorage.sqlite.

Every person, number and address is invented (Ofcom drama ranges, the never-issued QQ NI prefix).
"""

from __future__ import annotations

import base64
import json
import quopri
import sqlite3
import zipfile
from email.header import Header
from pathlib import Path

from tests.extract.device.generated.chats import ADDRESS_ASK, ALEX, CALL_ME, JO, SAM, ZOE, tiny_gif

NS = "http://pa.cellebrite.com/report/2.0"
IMAGE_ID = "f0000000-0000-4000-8000-000000000002"
IMAGE_NAME = "IMG-20240301-WA0003.jpg"


def _field(name: str, value: str, kind: str = "String") -> str:
    return f'<field name="{name}" type="{kind}"><value type="{kind}"><![CDATA[{value}]]></value></field>'


def _time(name: str, iso: str) -> str:
    return f'<field name="{name}" type="TimeStamp"><value type="TimeStamp" format="TimeStampKnown" formattedTimestamp="{iso}">{iso[:19]}.000{iso[19:]}</value></field>'


def _model(kind: str, mid: str, *inner: str, deleted: str = "Intact", attrs: str = "") -> str:
    return f'<model type="{kind}" id="{mid}" deleted_state="{deleted}" decoding_confidence="High"{attrs}>{"".join(inner)}</model>\n'


def _party(mid: str, ident: str, name: str | None = None, owner: bool | None = None, role: str | None = None) -> str:
    parts = [_field("Identifier", ident)]
    parts += [_field("Role", role, "PartyRole")] if role else []
    parts += [_field("Name", name)] if name else []
    parts += [_field("IsPhoneOwner", str(owner), "Boolean")] if owner is not None else []
    return _model("Party", mid, *parts)


def _many(name: str, kind: str, *models: str) -> str:
    return f'<multiModelField name="{name}" type="{kind}">{"".join(models)}</multiModelField>'


def _one(name: str, model: str) -> str:
    return f'<modelField name="{name}" type="Party">{model}</modelField>'


def _chat() -> str:
    owner, alex = "447700900001@s.whatsapp.net", "447700900123@s.whatsapp.net"
    attachment = _model(
        "Attachment", "a1", _field("Filename", IMAGE_NAME), _field("ContentType", "image/jpeg"), attrs=f' file_id="{IMAGE_ID}"'
    )
    messages = [
        _model("InstantMessage", "m1", _field("Source", "WhatsApp"), _field("Body", ADDRESS_ASK), _time("TimeStamp", "2024-03-01T09:15:02+00:00"),
               _one("From", _party("pf1", alex, ALEX, False)), _many("To", "Party", _party("pt1", owner, owner=True))),
        _model("InstantMessage", "m2", _field("Source", "WhatsApp"), _field("Body", CALL_ME), _time("TimeStamp", "2024-03-01T09:16:10+00:00"),
               _one("From", _party("pf2", owner, SAM, True)), _many("Attachments", "Attachment", attachment)),
        _model("InstantMessage", "m3", _field("Body", "delete this after reading - Jo's DOB is 02/02/1990"), _time("TimeStamp", "2024-03-01T09:20:44+00:00"),
               _one("From", _party("pf3", alex, ALEX)), deleted="Deleted"),
    ]  # fmt: skip
    participants = _many("Participants", "Party", _party("cp1", owner, SAM, True), _party("cp2", alex, ALEX, False))
    chat = _model(
        "Chat", "c1", _field("Source", "WhatsApp"), _field("Id", alex), participants, _many("Messages", "InstantMessage", *messages)
    )
    return f'<modelType type="Chat">{chat}</modelType>\n'


def _records() -> str:
    entries = _many(
        "Entries",
        "ContactEntry",
        _model("PhoneNumber", "e1", _field("Value", "07700 900123")),
        _model("EmailAddress", "e2", _field("Value", "alex.witness@example.org")),
    )
    models = {
        "SMS": _model("SMS", "s1", _time("TimeStamp", "2024-02-28T18:03:00+00:00"), _field("Body", "Your parcel comes to 14 Example Road, EX1 1AA today."),
                      _field("Folder", "Inbox"), _many("Parties", "Party", _party("sp1", "+447700900777", "Parcel Co", role="From"))),
        "Call": _model("Call", "k1", _field("Direction", "Outgoing", "CallDirection"), _time("TimeStamp", "2024-03-01T09:30:00+00:00"),
                       _field("Duration", "00:01:35", "TimeSpan"), _many("Parties", "Party", _party("kp1", "07700900123", ALEX, role="To"))),
        "Contact": _model("Contact", "t1", _field("Name", ALEX), entries),
        "Email": _model("Email", "x1", _field("Subject", "Tenancy"), _field("Body", "Hi Sam, NI number QQ123456C is on the form. Jo"),
                        _time("TimeStamp", "2024-02-27T12:00:00+00:00"), _one("From", _party("xp1", "jo.example@example.com", JO)),
                        _many("To", "Party", _party("xp2", "sam.owner@example.net"))),
        "Note": _model("Note", "n1", _field("Title", "door codes"), _field("Body", "front 4821"), _time("Creation", "2024-01-10T20:00:00+00:00")),
        "VisitedPage": _model("VisitedPage", "v1", _field("Url", "https://www.example.org/search?q=14+Example+Road"), _field("Title", "14 Example Road - Search"),
                              _time("LastVisited", "2024-03-01T08:59:00+00:00")),
    }  # fmt: skip
    return "".join(f'<modelType type="{kind}">{model}</modelType>\n' for kind, model in models.items())


def report_xml() -> str:
    tagged = (
        f'<taggedFiles><file path="/sdcard/WhatsApp/Media/{IMAGE_NAME}" name="{IMAGE_NAME}" size="{len(tiny_gif())}" id="{IMAGE_ID}" deleted="Intact">'
        f'<metadata section="File"><item name="Local Path"><![CDATA[files\\Image\\{IMAGE_NAME}]]></item></metadata></file></taggedFiles>\n'
    )
    extra = '<extraInfos><extraInfo id="m1"><sourceInfo><nodeInfo name="msgstore.db" path="/data/data/com.whatsapp/databases/msgstore.db" tableName="message" /></sourceInfo></extraInfo></extraInfos>'
    head = f'<?xml version="1.0" encoding="utf-8"?>\n<!-- GENERATED by tests/extract/device/generated -->\n<project xmlns="{NS}" id="generated" name="EXHIBIT GEN/1" reportVersion="8.5">\n'
    return f"{head}{tagged}<decodedData>\n{_chat()}{_records()}</decodedData>\n{extra}\n</project>\n"


def ufdr(folder: Path) -> None:
    """``sample.ufdr`` (zip: report.xml, an attachment, an empty database) and the same tree unzipped."""
    files = {"report.xml": report_xml().encode(), f"files/Image/{IMAGE_NAME}": tiny_gif(), "files/Database/msgstore.db": b""}
    with zipfile.ZipFile(folder / "sample.ufdr", "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    for name, data in files.items():
        (folder / "unzipped" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "unzipped" / name).write_bytes(data)


def _qp(text: str) -> str:
    return quopri.encodestring(text.encode()).decode().replace("=\n", "").replace("\n", "=0A")


def vcards(folder: Path) -> None:
    v21 = [
        "BEGIN:VCARD", "VERSION:2.1", f"N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp('Example;Zoë;;;')}",
        f"FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:{_qp(ZOE)}", "TEL;CELL:07700 900123", "TEL;HOME:+44 1632 960001", "EMAIL;HOME:zoe@example.org",
        f"ADR;HOME;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:;;{_qp('Flat 2' + chr(10) + '14 Example Road')};Exeter;;EX1 1AA;United Kingdom",
        "NOTE;ENCODING=QUOTED-PRINTABLE:DOB 02/02/1990=0D=0Aknows Alex", "END:VCARD",
        "BEGIN:VCARD", "VERSION:2.1", "N:Witness;Alex;;;", f"FN:{ALEX}", "TEL;CELL;PREF:+447700900123", "END:VCARD",
    ]  # fmt: skip
    v30 = [
        "BEGIN:VCARD", "VERSION:3.0", "PRODID:-//Generated//EN", "N:Example;Jo;;;", f"FN:{JO}", "ORG:Example Lettings Ltd;",
        "item1.TEL;type=pref:07700 900456", "item1.X-ABLabel:_$!<Mobile>!$_", "EMAIL;type=INTERNET;type=HOME;type=pref:jo.example@example.com",
        "item2.ADR;type=HOME;type=pref:;;14 Example Road;Exeter;;EX1 1AA;United Kingdom", "BDAY;value=date:1990-02-02", "END:VCARD",
    ]  # fmt: skip
    (folder / "android_contacts_v21.vcf").write_text("\r\n".join(v21) + "\r\n")
    (folder / "ios_contact_v30.vcf").write_text("\n".join(v30) + "\n")


def _first_email() -> str:
    attachment = base64.b64encode(b"Name: Sam Owner\nAddress: 14 Example Road, EX1 1AA\n").decode()
    body = "Hi Sam,\n\nNI number QQ123456C is on the form. Ring me on 07700 900456.\n\nJo"
    return "\n".join([
        "Message-ID: <gen0001@example.com>", "Date: Tue, 27 Feb 2024 12:00:00 +0000", f"From: {JO} <jo.example@example.com>",
        f"To: {SAM} <sam.owner@example.net>", f"Cc: {Header(ZOE, 'utf-8').encode()} <zoe@example.org>",
        f"Subject: {Header('Tenancy – form', 'utf-8').encode()}", "MIME-Version: 1.0", 'Content-Type: multipart/mixed; boundary="B"', "",
        "--B", 'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: quoted-printable", "", _qp(body), "",
        "--B", 'Content-Type: text/plain; name="form.txt"', 'Content-Disposition: attachment; filename="form.txt"',
        "Content-Transfer-Encoding: base64", "", attachment, "", "--B--", "",
    ])  # fmt: skip


def emails(folder: Path) -> None:
    (folder / "sample.eml").write_text(_first_email())
    reply = "\n".join([
        f"From: {SAM} <sam.owner@example.net>", f"To: {JO} <jo.example@example.com>", "Date: Tue, 27 Feb 2024 13:05:00 +0000",
        "Subject: Re: Tenancy", "Message-ID: <gen0002@example.net>", "In-Reply-To: <gen0001@example.com>",
        'Content-Type: text/plain; charset="utf-8"', "MIME-Version: 1.0", "", "Thanks Jo.", "",
        ">From the 14th I'm at 9 Sample Street.", "> NI number QQ123456C is on the form.", "",
    ])  # fmt: skip
    envelope = "From MAILER-DAEMON Tue Feb 27 13:05:00 2024\n"
    (folder / "sample.mbox").write_text(envelope + _first_email() + "\n" + envelope + reply + "\n")


SMS_ROWS = [
    {"Date": "2024-03-01 09:15:02+00:00", "Date Sent": "2024-03-01 09:15:00+00:00", "Type": "Received", "Address": "+447700900123",
     "Body": "Running 10 mins late, sorry x", "MSG ID": "1", "Thread ID": "1", "Contact ID": "", "Read": "1"},
    {"Date": "2024-03-01 09:16:10+00:00", "Date Sent": "", "Type": "Sent", "Address": "07700 900123",
     "Body": "No worries.\nDoor code is 4821", "MSG ID": "2", "Thread ID": "1", "Contact ID": "", "Read": "1"},
]  # fmt: skip


def aleapp(folder: Path) -> None:
    """ALEAPP output: a TSV export (UTF-8 with BOM, a quoted multi-line cell) and the timeline database."""
    tsv = folder / "_TSV Exports" / "SMS Messages.tsv"
    tsv.parent.mkdir(parents=True)
    cells = [[v if "\n" not in v else f'"{v}"' for v in row.values()] for row in SMS_ROWS]
    tsv.write_text("\ufeff" + "\t".join(SMS_ROWS[0]) + "\n" + "".join("\t".join(c) + "\n" for c in cells), encoding="utf-8")
    (folder / "_Timeline").mkdir()
    conn = sqlite3.connect(folder / "_Timeline" / "tl.db")
    with conn:
        conn.execute("CREATE TABLE data(key TEXT, activity TEXT, datalist TEXT)")
        conn.executemany("INSERT INTO data VALUES (?, 'SMS Messages', ?)", [(r["Date"], json.dumps(r)) for r in SMS_ROWS])
    conn.close()


CHATSTORAGE = """
CREATE TABLE ZWACHATSESSION (Z_PK INTEGER PRIMARY KEY, ZCONTACTJID VARCHAR, ZPARTNERNAME VARCHAR, ZSESSIONTYPE INTEGER);
CREATE TABLE ZWAGROUPMEMBER (Z_PK INTEGER PRIMARY KEY, ZMEMBERJID VARCHAR, ZCONTACTNAME VARCHAR, ZFIRSTNAME VARCHAR, ZCHATSESSION INTEGER);
CREATE TABLE ZWAMEDIAITEM (Z_PK INTEGER PRIMARY KEY, ZMEDIALOCALPATH VARCHAR, ZTITLE VARCHAR, ZVCARDNAME VARCHAR,
  ZLATITUDE FLOAT, ZLONGITUDE FLOAT, ZFILESIZE INTEGER);
CREATE TABLE ZWAMESSAGE (Z_PK INTEGER PRIMARY KEY, ZISFROMME INTEGER, ZMESSAGEDATE TIMESTAMP, ZFROMJID VARCHAR, ZTOJID VARCHAR,
  ZTEXT VARCHAR, ZCHATSESSION INTEGER, ZGROUPMEMBER INTEGER, ZMESSAGETYPE INTEGER, ZMESSAGESTATUS INTEGER, ZSTARRED INTEGER,
  ZMEDIAITEM INTEGER);
"""
JO_JID, ALEX_JID, GROUP_JID = "447700900456@s.whatsapp.net", "447700900123@s.whatsapp.net", "447700900001-1700000000@g.us"
# Z_PK, from me, seconds since 2001-01-01, from JID, text, session, group member, type, media item
WA_MESSAGES = [
    (1, 1, 730_915_007.0, None, "I\u2019m outside", 1, None, 0, None),  # 2024-02-28T16:36:47Z
    (2, 0, 730_915_060.0, JO_JID, "Coming down now. Flat 2.", 1, None, 0, None),
    (3, 0, 730_915_100.0, JO_JID, None, 1, None, 5, 1),
    (4, 1, 730_915_200.0, None, None, 1, None, 1, 2),
    (5, 0, 730_915_300.0, GROUP_JID, None, 2, None, 6, None),
    (6, 0, 730_915_400.0, GROUP_JID, "Saturday still on?", 2, 1, 0, None),
]


def chatstorage(path: Path) -> None:
    """A Core Data ``ChatStorage.sqlite`` with the columns the iOS WhatsApp reader uses: a 1:1 chat and a group."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(CHATSTORAGE)
        conn.executemany("INSERT INTO ZWACHATSESSION VALUES (?, ?, ?, ?)", [(1, JO_JID, JO, 0), (2, GROUP_JID, "Flat 2", 1)])
        conn.execute("INSERT INTO ZWAGROUPMEMBER VALUES (1, ?, ?, 'Alex', 2)", (ALEX_JID, ALEX))
        conn.executemany(
            "INSERT INTO ZWAMEDIAITEM VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (1, None, None, None, 50.7184, -3.5339, None),
                (2, "Media/447700900456@s.whatsapp.net/a/b/photo-1.jpg", None, None, 1.0, 1.0, 2048),
            ],
        )
        rows = [
            (pk, me, when, frm, None, text, sess, member, kind, 8, 0, media)
            for pk, me, when, frm, text, sess, member, kind, media in WA_MESSAGES
        ]
        conn.executemany("INSERT INTO ZWAMESSAGE VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
