"""Synthetic device downloads of any size, for tests and benchmarks.

Everything is invented: names from a short fixed list, numbers from Ofcom's drama range
(07700 900xxx). Files are written in a streaming way, so a million-message report does not
need a million messages in memory.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

NS = "http://pa.cellebrite.com/report/2.0"
PEOPLE = [("Sam Owner", "447700900001"), ("Alex Witness", "447700900123"), ("Jo Example", "447700900456"), ("Zoe Sample", "447700900789")]
TEXTS = [
    "Morning, are you still coming round later?",
    "Call me on 07700 900456 when you get this.",
    "I'll be at 14 Example Road by eight.",
    "ok see you there",
    "Did you tell sophie about Saturday?",
]
START = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def _party(tag: str, pid: str, person: tuple[str, str], owner: bool) -> str:
    return (
        f'<{tag} name="{"From" if tag == "modelField" else "To"}" type="Party"><model type="Party" id="{pid}" deleted_state="Intact">'
        f'<field name="Identifier" type="String"><value type="String">{person[1]}@s.whatsapp.net</value></field>'
        f'<field name="Name" type="String"><value type="String">{escape(person[0])}</value></field>'
        f'<field name="IsPhoneOwner" type="Boolean"><value type="Boolean">{owner}</value></field></model></{tag}>'
    )


def _attachment_xml(i: int) -> str:
    return (
        f'<multiModelField name="Attachments" type="Attachment"><model type="Attachment" id="a{i}" file_id="f{i:08d}">'
        f'<field name="Filename" type="String"><value type="String">note{i}.txt</value></field>'
        '<field name="ContentType" type="String"><value type="String">text/plain</value></field></model></multiModelField>'
    )


def tagged_files(messages: int, every: int) -> object:
    """The report's ``taggedFiles`` (before its decoded data): one file for every ``every``-th message."""
    yield "<taggedFiles>\n"
    for i in range(0, messages, every):
        yield (
            f'<file path="/sdcard/Notes/note{i}.txt" name="note{i}.txt" size="{len(attachment_text(i))}" id="f{i:08d}" deleted="Intact">'
            f'<metadata section="File"><item name="Local Path"><![CDATA[files\\Text\\note{i}.txt]]></item>'
            f'<item name="MD5">{i:032x}</item></metadata></file>\n'
        )
    yield "</taggedFiles>\n"


def attachment_text(i: int) -> bytes:
    return f"note {i}: meet at the usual place\n".encode()


def message_xml(i: int, body: str | None = None, attached: bool = False) -> str:
    """Message ``i`` of a UFDR chat; its text is ``body``, or one of ``TEXTS`` numbered ``#i``; ``attached``: with
    the attachment ``files/Text/note{i}.txt`` (see :func:`tagged_files`)."""
    owner = i % 2 == 0
    sender = PEOPLE[0] if owner else PEOPLE[1 + i % 3]
    ts = (START + timedelta(seconds=37 * i)).isoformat()
    deleted = "Deleted" if i % 50 == 7 else "Intact"
    return (
        f'<model type="InstantMessage" id="m{i:08d}" deleted_state="{deleted}" decoding_confidence="High">'
        f'<field name="Source" type="String"><value type="String">WhatsApp</value></field>'
        f'<field name="Body" type="String"><value type="String">{escape(body if body is not None else f"{TEXTS[i % len(TEXTS)]} #{i}")}</value></field>'
        f'<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp" formattedTimestamp="{ts}">{ts}</value></field>'
        f"{_party('modelField', f'pf{i}', sender, owner)}{_attachment_xml(i) if attached else ''}</model>\n"
    )


def report_lines(messages: int, per_chat: int = 10_000, bodies: list[str] | None = None, files_every: int = 0) -> list[str] | object:
    """The report.xml text, yielded in pieces: chats of ``per_chat`` messages, a contact, an unknown model.

    ``bodies`` gives the messages' texts (``messages`` of them); by default ``TEXTS``, numbered. ``files_every``:
    every such message has an attachment, listed in the report's tagged files."""
    yield f'<?xml version="1.0" encoding="utf-8"?>\n<project xmlns="{NS}" id="synthetic" name="SYNTHETIC" reportVersion="8.5">\n'
    if files_every:
        yield from tagged_files(messages, files_every)
    yield "<decodedData>\n"
    yield '<modelType type="Chat">\n'
    done, chat = 0, 0
    while done < messages:
        chat += 1
        yield (
            f'<model type="Chat" id="c{chat:06d}" deleted_state="Intact"><field name="Source" type="String"><value type="String">WhatsApp</value></field>'
            f'<field name="Id" type="String"><value type="String">{PEOPLE[1][1]}@s.whatsapp.net</value></field>'
            '<multiModelField name="Participants" type="Party">'
        )
        for n, p in enumerate(PEOPLE[:2]):
            yield (
                f'<model type="Party" id="cp{chat}-{n}" deleted_state="Intact"><field name="Identifier" type="String"><value type="String">{p[1]}@s.whatsapp.net</value></field>'
                f'<field name="Name" type="String"><value type="String">{p[0]}</value></field>'
                f'<field name="IsPhoneOwner" type="Boolean"><value type="Boolean">{n == 0}</value></field></model>'
            )
        yield '</multiModelField><multiModelField name="Messages" type="InstantMessage">\n'
        for _ in range(min(per_chat, messages - done)):
            yield message_xml(done, bodies[done] if bodies is not None else None, bool(files_every) and done % files_every == 0)
            done += 1
        yield "</multiModelField></model>\n"
    yield '</modelType>\n<modelType type="Contact"><model type="Contact" id="t1" deleted_state="Intact">'
    yield (
        '<field name="Name" type="String"><value type="String">Sophie Example</value></field><multiModelField name="Entries" type="ContactEntry">'
        '<model type="PhoneNumber" id="e1"><field name="Value" type="String"><value type="String">07700 900321</value></field></model>'
        "</multiModelField></model></modelType>\n"
    )
    yield (
        '<modelType type="FitnessWorkout"><model type="FitnessWorkout" id="u1" deleted_state="Intact">'
        '<field name="RouteName" type="String"><value type="String">Run past 9 Sample Street</value></field></model></modelType>\n'
    )
    yield "</decodedData>\n</project>\n"


def write_report(path: Path, messages: int) -> Path:
    with open(path, "w", encoding="utf-8") as out:
        for piece in report_lines(messages):
            out.write(piece)
    return path


def write_ufdr(path: Path, messages: int, bodies: list[str] | None = None, files_every: int = 0) -> Path:
    """A UFDR zip: report.xml (see :func:`report_lines`) and, with ``files_every``, the attached files."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("report.xml", "w", force_zip64=True) as member:
            for piece in report_lines(messages, bodies=bodies, files_every=files_every):
                member.write(piece.encode("utf-8"))
        for i in range(0, messages, files_every) if files_every else ():
            archive.writestr(f"files/Text/note{i}.txt", attachment_text(i))
    return path


def write_whatsapp(path: Path, lines: int, ios: bool = False) -> Path:
    """A WhatsApp export of ``lines`` message lines (every tenth message has a continuation line)."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(lines):
            when = START + timedelta(seconds=37 * i)
            who = PEOPLE[i % 3][0]
            text = TEXTS[i % len(TEXTS)]
            if ios:
                out.write(f"[{when:%d/%m/%Y, %H:%M:%S}] {who}: {text}\n")
            else:
                out.write(f"{when:%d/%m/%Y, %H:%M} - {who}: {text}\n")
            if i % 10 == 9:
                out.write("and another line\n")
    return path


FIRST = ["sophie", "jake", "amir", "chloe", "liam", "priya", "tom", "megan", "kofi", "ellie", "dan", "hannah", "ravi", "lucy", "ben"]
STREETS = ["Example Road", "Sample Street", "Test Lane", "Mock Avenue", "Demo Close", "Fixture Way"]
SHORT = ["ok", "lol", "yeah", "haha", "omg", "<Media omitted>", "ok see you there", "👍", "night x", "what time?"]
TEMPLATES = [
    "did {name} say anything about {day}?",
    "call me on 07700 900{n3} when you get this",
    "I'll be at {num} {street} by {hour}",
    "{name} has a new number 07700 900{n3}",
    "email me at {name}.{name2}@example.com",
    "meet at {num} {street}, {pc} at {hour}",
    "tell {name} I said sorry about last night",
    "{name} and {name2} are coming round on {day}",
    "my account is 12-34-56 {acct} if you need it",
    "ring {name} at home 020 7946 0{n3}",
]


def chat_line(i: int, rng) -> str:  # noqa: ANN001 - random.Random
    """One chat message: a third are short repeats ('ok', 'lol'), the rest vary in names, numbers and places."""
    if rng.random() < 0.33:
        return rng.choice(SHORT)
    return rng.choice(TEMPLATES).format(
        name=rng.choice(FIRST),
        name2=rng.choice(FIRST),
        day=rng.choice(["saturday", "friday", "monday"]),
        n3=f"{rng.randrange(1000):03d}",
        num=rng.randrange(1, 200),
        street=rng.choice(STREETS),
        hour=rng.choice(["eight", "7pm", "half 6", "noon"]),
        pc=f"ZZ{rng.randrange(1, 99)} {rng.randrange(10)}XY",
        acct=f"{rng.randrange(10**8):08d}",
    )


def write_chat(path: Path, messages: int, seed: int = 10) -> list[str]:
    """An Android WhatsApp export with varied lines (see ``chat_line``); returns the message texts."""
    import random

    rng = random.Random(seed)
    texts: list[str] = []
    with open(path, "w", encoding="utf-8") as out:
        for i in range(messages):
            when = START + timedelta(seconds=37 * i)
            text = chat_line(i, rng)
            texts.append(text)
            out.write(f"{when:%d/%m/%Y, %H:%M} - {PEOPLE[i % 3][0]}: {text}\n")
    return texts


def telegram_message(i: int, rng) -> dict:  # noqa: ANN001 - random.Random
    """One Telegram Desktop message (a phone-call service message every 500th), text as Telegram writes it."""
    when = START + timedelta(seconds=37 * i)
    owner = i % 2 == 0
    who, uid = ("Sam Owner", "user1000000001") if owner else ("Alex Witness", "user1000000002")
    base = {"id": 100 + i, "date": f"{when:%Y-%m-%dT%H:%M:%S}", "date_unixtime": str(int(when.timestamp()))}
    if i % 500 == 499:
        return {**base, "type": "service", "actor": who, "actor_id": uid, "action": "phone_call", "duration_seconds": 60, "text": ""}
    text = chat_line(i, rng)
    entities = [{"type": "plain", "text": text}]
    return {**base, "type": "message", "from": who, "from_id": uid, "text": text, "text_entities": entities}


def write_telegram(path: Path, messages: int, per_chat: int = 250_000, seed: int = 10) -> Path:
    """A full Telegram Desktop export (``result.json``) of ``messages`` messages, written as it is generated."""
    import json
    import random

    rng = random.Random(seed)
    head = {
        "about": "Here is the data you requested.",
        "personal_information": {"user_id": 1000000001, "first_name": "Sam", "last_name": "Owner", "phone_number": "+44 7700 900001"},
        "contacts": {
            "about": "",
            "list": [{"user_id": 1000000002, "first_name": "Alex", "last_name": "Witness", "phone_number": "+44 7700 900123"}],
        },
    }
    with open(path, "w", encoding="utf-8") as out:
        out.write(json.dumps(head, ensure_ascii=False)[:-1] + ',\n "chats": {"about": "", "list": [\n')
        done, chat = 0, 0
        while done < messages or chat == 0:
            n = min(per_chat, messages - done)
            out.write(
                ("," if chat else "") + f'{{"name": "Alex Witness", "type": "personal_chat", "id": {1000000002 + chat}, "messages": [\n'
            )
            for k in range(n):
                out.write(("" if k == 0 else ",\n") + json.dumps(telegram_message(done + k, rng), ensure_ascii=False))
            out.write("\n]}\n")
            done, chat = done + n, chat + 1
        out.write("]}}\n")
    return path


# -- every other device format, any size (for the ingest phase's memory across formats) -----------------
def _texts(messages: int, seed: int = 10):  # noqa: ANN202 - an iterator of (i, when, text)
    import random

    rng = random.Random(seed)
    for i in range(messages):
        yield i, START + timedelta(seconds=37 * i), chat_line(i, rng)


def write_meta(path: Path, messages: int) -> Path:
    """A Meta "Download your information" ``message_1.json`` (Instagram), newest message first, as Meta writes it."""
    import json

    with open(path, "w", encoding="utf-8") as out:
        out.write('{"participants": [{"name": "Alex Witness"}, {"name": "Sam Owner"}], "messages": [\n')
        for i, _when, text in _texts(messages):
            sender = PEOPLE[0][0] if i % 2 == 0 else PEOPLE[1][0]
            msg = {
                "sender_name": sender,
                "timestamp_ms": int((START + timedelta(seconds=37 * (messages - i))).timestamp() * 1000),
                "content": text,
            }
            if i % 100 == 99:
                msg["reactions"] = [{"reaction": "\u00e2\u009d\u00a4", "actor": PEOPLE[1][0]}]  # Meta's mojibake of a heart
            out.write(("" if i == 0 else ",\n") + json.dumps(msg))
        out.write('\n], "title": "Alex Witness", "is_still_participant": true, "thread_path": "inbox/alexwitness_1"}\n')
    return path


def write_sms_backup(path: Path, messages: int) -> Path:
    """An SMS Backup & Restore ``sms-*.xml``: SMS to and from three numbers, a call-free backup."""
    from xml.sax.saxutils import quoteattr

    with open(path, "w", encoding="utf-8") as out:
        out.write(
            f"<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n<smses count=\"{messages}\" backup_date=\"1709294400000\" type=\"full\">\n"
        )
        for i, when, text in _texts(messages):
            name, number = PEOPLE[1 + i % 3]
            out.write(
                f'  <sms protocol="0" address="+{number}" date="{int(when.timestamp() * 1000)}" type="{1 + i % 2}" subject="null" '
                f'body={quoteattr(text)} read="1" status="-1" contact_name={quoteattr(name)} />\n'
            )
        out.write("</smses>\n")
    return path


def write_vcards(path: Path, contacts: int, repeat: int = 0) -> Path:
    """A vCard 3.0 address book of ``contacts`` cards (a name, a mobile, an e-mail each); with ``repeat``, every
    ``repeat``-th card names the person of an earlier one again (card ``i // 2``: the case merges them)."""
    with open(path, "w", encoding="utf-8") as out:
        for i in range(contacts):
            j = i // 2 if repeat and i % repeat == repeat - 1 else i
            first, last = FIRST[j % len(FIRST)].title(), f"Sample{j}"
            out.write(
                f"BEGIN:VCARD\nVERSION:3.0\nN:{last};{first};;;\nFN:{first} {last}\nTEL;type=CELL:07700 9{i % 100000:05d}\n"
                f"EMAIL;type=INTERNET:{first.lower()}.{i}@example.com\nEND:VCARD\n"
            )
    return path


def write_mbox(path: Path, messages: int) -> Path:
    """An mbox of ``messages`` plain-text e-mails between the sample people."""
    with open(path, "w", encoding="utf-8") as out:
        for i, when, text in _texts(messages):
            (frm, _), (to, _) = PEOPLE[i % 2], PEOPLE[2 + i % 2]
            out.write(
                f"From MAILER-DAEMON {when:%a %b %d %H:%M:%S %Y}\nMessage-ID: <m{i}@example.com>\nDate: {when:%a, %d %b %Y %H:%M:%S +0000}\n"
                f"From: {frm} <{frm.split()[0].lower()}@example.com>\nTo: {to} <{to.split()[0].lower()}@example.org>\n"
                f'Subject: note {i}\nMIME-Version: 1.0\nContent-Type: text/plain; charset="utf-8"\n\n{text}\n\n'
            )
    return path


def write_whatsapp_zip(path: Path, messages: int) -> Path:
    """A WhatsApp "export chat" zip: ``WhatsApp Chat with Alex Witness.txt`` (see :func:`write_chat`'s lines)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("WhatsApp Chat with Alex Witness.txt", "w", force_zip64=True) as member:
            for i, when, text in _texts(messages):
                member.write(f"{when:%d/%m/%Y, %H:%M} - {PEOPLE[i % 3][0]}: {text}\n".encode())
    return path


def write_chatstorage(path: Path, messages: int) -> Path:
    """An iOS WhatsApp ``ChatStorage.sqlite`` of ``messages`` messages in ten 1:1 chats."""
    import sqlite3

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(
            "CREATE TABLE ZWACHATSESSION (Z_PK INTEGER PRIMARY KEY, ZCONTACTJID VARCHAR, ZPARTNERNAME VARCHAR, ZSESSIONTYPE INTEGER);"
            "CREATE TABLE ZWAMESSAGE (Z_PK INTEGER PRIMARY KEY, ZISFROMME INTEGER, ZMESSAGEDATE TIMESTAMP, ZFROMJID VARCHAR, ZTOJID VARCHAR,"
            " ZTEXT VARCHAR, ZCHATSESSION INTEGER, ZGROUPMEMBER INTEGER, ZMESSAGETYPE INTEGER, ZMESSAGESTATUS INTEGER, ZSTARRED INTEGER,"
            " ZMEDIAITEM INTEGER);"
        )
        conn.executemany(
            "INSERT INTO ZWACHATSESSION VALUES (?, ?, ?, 0)",
            [(k, f"4477009002{k:02d}@s.whatsapp.net", f"Contact {k}") for k in range(1, 11)],
        )
        apple = datetime(2001, 1, 1, tzinfo=UTC)
        rows = (
            (i + 1, i % 2, (when - apple).total_seconds(), None if i % 2 else f"4477009002{1 + i % 10:02d}@s.whatsapp.net", None, text,
             1 + i % 10, None, 0, 8, 0, None)
            for i, when, text in _texts(messages)
        )  # fmt: skip
        conn.executemany("INSERT INTO ZWAMESSAGE VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    return path


def write_sms_db(path: Path, messages: int) -> Path:
    """An iOS Messages ``sms.db`` of ``messages`` messages in ten 1:1 chats, iOS 16's shape: nanoseconds, and the words of
    every other message only in an archived ``attributedBody`` (as the phone leaves them)."""
    import sqlite3

    from tests.extract.device.generated.ios_sms import MESSAGE_NEW, SCHEMA, archived

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.execute(MESSAGE_NEW)
        conn.executemany("INSERT INTO handle VALUES (?, ?, 'GB', 'SMS')", [(k, f"+4477009002{k:02d}") for k in range(1, 11)])
        conn.executemany(
            "INSERT INTO chat VALUES (?, ?, ?, 'SMS', NULL)",
            [(k, f"SMS;-;+4477009002{k:02d}", f"+4477009002{k:02d}") for k in range(1, 11)],
        )
        conn.executemany("INSERT INTO chat_handle_join VALUES (?, ?)", [(k, k) for k in range(1, 11)])
        apple = datetime(2001, 1, 1, tzinfo=UTC)
        rows = []
        for i, when, text in _texts(messages):
            date = int((when - apple).total_seconds()) * 10**9
            plain, blob = (None, archived(text)) if i % 2 else (text, None)
            rows.append((i + 1, f"g{i}", plain, 1 + i % 10, None, "SMS", date, 0, i % 2, 1, 1, 0, None, 0, blob, 0))
            if len(rows) == 10_000:
                conn.executemany(f"INSERT INTO message VALUES ({', '.join('?' * 16)})", rows)
                rows.clear()
        conn.executemany(f"INSERT INTO message VALUES ({', '.join('?' * 16)})", rows)
        conn.execute("INSERT INTO chat_message_join (chat_id, message_id) SELECT 1 + (ROWID - 1) % 10, ROWID FROM message")
    conn.close()
    return path


def write_mmssms_db(path: Path, messages: int) -> Path:
    """An Android ``mmssms.db`` of ``messages`` SMS in ten 1:1 threads (and no MMS: SMS is the bulk of a phone)."""
    import sqlite3

    from tests.extract.device.generated.android_sms import SCHEMA

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        conn.executemany("INSERT INTO canonical_addresses VALUES (?, ?)", [(k, f"+4477009002{k:02d}") for k in range(1, 11)])
        conn.executemany("INSERT INTO threads (_id, recipient_ids) VALUES (?, ?)", [(k, str(k)) for k in range(1, 11)])
        rows = (
            (i + 1, 1 + i % 10, f"+4477009002{1 + i % 10:02d}", int(when.timestamp() * 1000), 1 + i % 2, text)
            for i, when, text in _texts(messages)
        )
        conn.executemany("INSERT INTO sms (_id, thread_id, address, date, type, body, read) VALUES (?, ?, ?, ?, ?, ?, 1)", rows)
    conn.close()
    return path


def write_bugle_db(path: Path, messages: int) -> Path:
    """A Google Messages ``bugle_db`` of ``messages`` messages (one text part each) in ten 1:1 conversations, in and out
    by turns."""
    import sqlite3

    from tests.extract.device.generated.google_messages import SCHEMA

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        people = [(1, -1, None, None, None, None)] + [
            (k + 1, -2, f"+4477009002{k:02d}", f"+4477009002{k:02d}", None, None) for k in range(1, 11)
        ]
        conn.executemany("INSERT INTO participants VALUES (?, ?, ?, ?, ?, ?)", people)
        conn.executemany("INSERT INTO conversations (_id, name) VALUES (?, ?)", [(k, f"+4477009002{k:02d}") for k in range(1, 11)])
        conn.executemany("INSERT INTO conversation_participants VALUES (?, ?)", [(k, k + 1) for k in range(1, 11)])
        texts = list(_texts(messages))
        conn.executemany(
            "INSERT INTO messages (_id, conversation_id, sender_id, received_timestamp) VALUES (?, ?, ?, ?)",
            ((i + 1, 1 + i % 10, 1 if i % 2 else 2 + i % 10, int(when.timestamp() * 1000)) for i, when, _ in texts),
        )
        conn.executemany(
            "INSERT INTO parts (_id, message_id, text, content_type, timestamp, conversation_id) VALUES (?, ?, ?, 'text/plain', ?, ?)",
            ((i + 1, i + 1, text, int(when.timestamp() * 1000), 1 + i % 10) for i, when, text in texts),
        )
    conn.close()
    return path


def write_msgstore(path: Path, messages: int) -> Path:
    """An Android WhatsApp ``msgstore.db`` (the layout since 2022) of ``messages`` messages in ten 1:1 chats, every tenth
    with a photo."""
    import sqlite3

    from tests.extract.device.generated.whatsapp_android import NEW

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(NEW)
        conn.executemany(
            "INSERT INTO jid (_id, user, server, raw_string) VALUES (?, ?, 's.whatsapp.net', ?)",
            [(k, f"4477009002{k:02d}", f"4477009002{k:02d}@s.whatsapp.net") for k in range(1, 11)],
        )
        conn.executemany("INSERT INTO chat (_id, jid_row_id) VALUES (?, ?)", [(k, k) for k in range(1, 11)])
        rows = (
            (i + 1, 1 + i % 10, i % 2, f"k{i}", None, int(when.timestamp() * 1000), 1 if i % 10 == 0 else 0, text)
            for i, when, text in _texts(messages)
        )
        conn.executemany(
            "INSERT INTO message (_id, chat_row_id, from_me, key_id, sender_jid_row_id, timestamp, message_type, text_data)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        conn.execute(
            "INSERT INTO message_media (message_row_id, chat_row_id, file_path, mime_type) SELECT _id, chat_row_id, "
            "'Media/WhatsApp Images/IMG-' || _id || '.jpg', 'image/jpeg' FROM message WHERE message_type = 1"
        )
    conn.close()
    return path


def write_arroyo(path: Path, messages: int) -> Path:
    """A Snapchat ``arroyo.db`` of ``messages`` chat texts in ten conversations (every other one sent from this phone),
    with ``main.db`` beside it naming the ten friends."""
    import sqlite3

    from tests.extract.device.generated.snapchat import ARROYO, MAIN, content

    def user(k: int) -> str:
        return f"0b7e1f2a-{k:04d}-4c3d-9e8f-000000000000"

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(ARROYO.format(flag="created_on_device INTEGER"))
        rows = []
        for i, when, text in _texts(messages):
            chat, sender = f"conv-{i % 10}", user(0) if i % 2 else user(1 + i % 10)
            ms = int(when.timestamp() * 1000)
            rows.append((chat, i, sender, 1, content(sender, chat, 1, text, ms), ms, 1 if i % 2 else None))
        conn.executemany(
            "INSERT INTO conversation_message (client_conversation_id, client_message_id, sender_id, content_type, "
            "message_content, creation_timestamp, created_on_device) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
    friends = sqlite3.connect(path.with_name("main.db"))
    with friends:
        friends.execute(MAIN)
        friends.executemany(
            "INSERT INTO Friend (userId, username, displayName) VALUES (?, ?, ?)",
            [(user(k), f"friend{k}", f"{FIRST[k % len(FIRST)].title()} Example") for k in range(11)],
        )
    friends.close()
    return path


def write_direct(path: Path, messages: int) -> Path:
    """An Instagram ``direct.db`` of ``messages`` texts in ten threads (every other one sent by the signed-in account)."""
    import json
    import sqlite3

    from tests.extract.device.generated.instagram import DIRECT

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(DIRECT)
        conn.execute("INSERT INTO session VALUES ('1000')")
        threads = [
            (
                f"t{k}",
                json.dumps(
                    {
                        "recipients": [
                            {"pk": str(2000 + k), "username": f"friend{k}", "full_name": f"{FIRST[k % len(FIRST)].title()} Example"}
                        ]
                    }
                ),
            )
            for k in range(10)
        ]
        conn.executemany("INSERT INTO threads (thread_id, thread_info) VALUES (?, ?)", threads)
        rows = (
            (
                f"t{i % 10}",
                int(when.timestamp() * 1_000_000),
                "text",
                text,
                json.dumps({"user_id": "1000" if i % 2 else str(2000 + i % 10), "item_type": "text"}),
            )
            for i, when, text in _texts(messages)
        )
        conn.executemany("INSERT INTO messages (thread_id, timestamp, message_type, text, message) VALUES (?, ?, ?, ?, ?)", rows)
    conn.close()
    return path


def write_cache4(path: Path, messages: int) -> Path:
    """A Telegram ``cache4.db`` of ``messages`` texts (TL objects of the newest layout) in ten one-to-one chats, every
    other one sent by the owner."""
    import sqlite3

    from tests.extract.device.generated.telegram_android import CACHE, message, peer

    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(CACHE)
        conn.executemany(
            "INSERT INTO users (uid, name) VALUES (?, ?)",
            [(5000 + k, f"{FIRST[k % len(FIRST)].title()} Example;;;friend{k}") for k in range(10)],
        )
        rows = []
        for i, when, text in _texts(messages):
            chat, out, date = 5000 + i % 10, i % 2, int(when.timestamp())
            data = message(i, None if out else chat, peer(chat if out else 4000), text, date)
            rows.append((i, chat, date, data, out, 0))
        conn.executemany("INSERT INTO messages_v2 (mid, uid, date, data, out, media) VALUES (?, ?, ?, ?, ?, ?)", rows)
    conn.close()
    return path


def write_aleapp_tsv(folder: Path, messages: int) -> Path:
    """ALEAPP's ``_TSV Exports/SMS Messages.tsv`` with ``messages`` rows."""
    path = folder / "_TSV Exports" / "SMS Messages.tsv"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write("\ufeffDate\tType\tAddress\tBody\tMSG ID\tThread ID\tRead\n")
        for i, when, text in _texts(messages):
            out.write(
                f"{when:%Y-%m-%d %H:%M:%S}+00:00\t{'Sent' if i % 2 else 'Received'}\t+{PEOPLE[1 + i % 3][1]}\t{text}\t{i}\t{1 + i % 3}\t1\n"
            )
    return path


def write_axiom_csv(path: Path, messages: int) -> Path:
    """A Magnet AXIOM chat CSV export with ``messages`` rows and a header-zoned time column."""
    import csv

    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["Artifact type", "Sender", "Receiver", "Message", "Date/Time - UTC+00:00 (dd/MM/yyyy)", "Direction", "Chat ID"])
        for i, when, text in _texts(messages):
            (frm, _), (to, _) = PEOPLE[i % 2], PEOPLE[1 + i % 3]
            writer.writerow(["WhatsApp Messages", frm, to, text, f"{when:%d/%m/%Y %H:%M:%S}", "Sent" if i % 2 else "Received", 1 + i % 3])
    return path


def write_xry(path: Path, messages: int) -> Path:
    """An MSAB XRY text export of ``messages`` SMS (``Messages-SMS.txt``: UTF-16LE, a five-line header, one entry a
    message, received and sent in turn with ten numbers, US-style times as XRY writes them)."""
    with open(path, "w", encoding="utf-16", newline="\r\n") as out:
        out.write("XRY Export\nCase: benchmark\nMessages/SMS\n\n\n")
        for i, when, text in _texts(messages):
            way = ("Deliver", "From") if i % 2 else ("Submit", "To")
            out.write(
                f"Messages-SMS #\t{i + 1}\nText:\t{text}\nTime:\t{when.month}/{when.day}/{when.year} "
                f"{when:%I:%M:%S %p} (Device)\nType:\t{way[0]}\n{way[1]}\nTel:\t\t+4477009001{i % 10:02d}\n\n"
            )
    return path


CELLEBRITE_CHAT_HEADER = [
    "#", "Chat #", "Identifier", "Start Time: Date", "Start Time: Time", "Name", "Participants", "Source", "Account",
    "Instant Message #", "From", "To", "Body", "Status", "Timestamp: Date", "Timestamp: Time", "Attachment #1",
    "Deleted - Instant Message",
]  # fmt: skip


def write_cellebrite_xlsx(path: Path, messages: int, per_chat: int = 500) -> Path:
    """A Cellebrite Excel report's ``Chats`` sheet of ``messages`` WhatsApp messages in chats of ``per_chat`` with ten
    people: a title row, the header row, a chat's own columns on its first row only, UK-style times with their zone."""
    import openpyxl

    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Chats")
    ws.append([f"Chats ({messages})"])
    ws.append(CELLEBRITE_CHAT_HEADER)
    own = "447700900999@s.whatsapp.net Sam Owner"
    for i, when, text in _texts(messages):
        chat, k = divmod(i, per_chat)
        other = f"4477009001{chat % 10:02d}@s.whatsapp.net Contact {chat % 10}"
        first, sent = k == 0, i % 2 == 0
        ws.append(
            [i + 1, chat + 1 if first else None, f"chat-{chat}" if first else None, None, None, None,
             f"{other}\n{own} (owner)" if first else None, "WhatsApp" if first else None, None,
             k + 1, own if sent else other, other if sent else own, text, "Sent" if sent else "Read",
             f"{when:%d/%m/%Y}", f"{when:%H:%M:%S}(UTC+0)", None, None]
        )  # fmt: skip
    wb.save(path)
    return path
