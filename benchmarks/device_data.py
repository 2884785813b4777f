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


def message_xml(i: int, body: str | None = None) -> str:
    """Message ``i`` of a UFDR chat; its text is ``body``, or one of ``TEXTS`` numbered ``#i``."""
    owner = i % 2 == 0
    sender = PEOPLE[0] if owner else PEOPLE[1 + i % 3]
    ts = (START + timedelta(seconds=37 * i)).isoformat()
    deleted = "Deleted" if i % 50 == 7 else "Intact"
    return (
        f'<model type="InstantMessage" id="m{i:08d}" deleted_state="{deleted}" decoding_confidence="High">'
        f'<field name="Source" type="String"><value type="String">WhatsApp</value></field>'
        f'<field name="Body" type="String"><value type="String">{escape(body if body is not None else f"{TEXTS[i % len(TEXTS)]} #{i}")}</value></field>'
        f'<field name="TimeStamp" type="TimeStamp"><value type="TimeStamp" formattedTimestamp="{ts}">{ts}</value></field>'
        f"{_party('modelField', f'pf{i}', sender, owner)}</model>\n"
    )


def report_lines(messages: int, per_chat: int = 10_000, bodies: list[str] | None = None) -> list[str] | object:
    """The report.xml text, yielded in pieces: chats of ``per_chat`` messages, a contact, an unknown model.

    ``bodies`` gives the messages' texts (``messages`` of them); by default ``TEXTS``, numbered."""
    yield f'<?xml version="1.0" encoding="utf-8"?>\n<project xmlns="{NS}" id="synthetic" name="SYNTHETIC" reportVersion="8.5">\n<decodedData>\n'
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
            yield message_xml(done, bodies[done] if bodies is not None else None)
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


def write_ufdr(path: Path, messages: int, bodies: list[str] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("report.xml", "w", force_zip64=True) as member:
            for piece in report_lines(messages, bodies=bodies):
                member.write(piece.encode("utf-8"))
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
