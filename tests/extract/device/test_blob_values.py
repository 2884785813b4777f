"""A BLOB where an app keeps text: SQLite does not type its columns, so a carved, migrated or hand-edited database can
hold bytes, or a number, in any column. Every phone-database reader, for every text column of its tables, reads the row (UTF-8
bytes and numbers: the text they are) or refuses it alone (other bytes), never fails another way. Before, the bytes reached an
item's text and the reader failed with a TypeError: the whole database quarantined as an internal error, none of its
messages reviewed (Kik, Viber, Tinder and others)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from redactor.errors import InputError
from redactor.records import Item, Refused
from tests.extract.device.generated import (
    android_sms,
    call_log,
    contacts_db,
    dating,
    discord_ios,
    google_messages,
    google_voice,
    instagram,
    instagram_ios,
    ios_apps,
    messenger,
    signal_db,
    snapchat,
    telegram_android,
    tiktok,
    viber_kik,
    voicemail,
    whatsapp_android,
    whatsapp_ios_extras,
    work_chat,
)
from tests.extract.device.generated.browser_history import history_db
from tests.extract.device.generated.calendars import calendar_db
from tests.extract.device.helpers import pick, records_of

STORES: dict[str, tuple[Callable[[Path], None], str]] = {
    "mmssms": (android_sms.mmssms_db, "mmssms.db"),
    "calllog": (call_log.calllog_db, "calllog.db"),
    "contacts2": (contacts_db.contacts2, "contacts2.db"),
    "addressbook": (contacts_db.address_book, "AddressBook.sqlitedb"),
    "tinder": (dating.tinder_db, "tinder-3.db"),
    "bumble": (dating.bumble_db, "ChatComDatabase"),
    "bugle": (google_messages.bugle_db, "bugle_db"),
    "instagram": (instagram.direct_db, "direct.db"),
    "instagram-ios": (instagram_ios.direct_db, "17841400000000001.db"),
    "google-voice": (google_voice.threading_store, "threadingStore.sqlite"),
    "kik-ios": (ios_apps.kik_sqlite, "kik.sqlite"),
    "viber-ios": (ios_apps.viber_contacts_data, "Contacts.data"),
    "tinder-ios": (ios_apps.tinder_sqlite, "Tinder2.sqlite"),
    "messenger": (messenger.msys_db, "msys_database_100"),
    "messenger-ios": (messenger.lightspeed_db, "100.db"),
    "signal": (signal_db.signal_db, "signal.db"),
    "snapchat": (snapchat.arroyo_db, "arroyo.db"),
    "telegram": (telegram_android.cache4_db, "cache4.db"),
    "tiktok": (tiktok.im_db, "1234567_im.db"),
    "viber": (viber_kik.viber_db, "viber_messages"),
    "kik": (viber_kik.kik_db, "kikDatabase.db"),
    "whatsapp": (whatsapp_android.msgstore, "msgstore.db"),
    "chrome": (lambda path: history_db(path, "chrome"), "History"),
    "calendar": (lambda path: calendar_db(path, "android"), "calendar.db"),
    "line": (work_chat.naver_line, "naver_line"),
    "line-calls": (work_chat.line_calls, "call_history"),
    "skype": (work_chat.skype_live, "live:dana"),
    "teams": (work_chat.skype_teams, "SkypeTeams.db"),
    "teams-ios": (work_chat.teams_ios, "SkypeSpacesDogfood-1.sqlite"),
    "whatsapp-ios-contacts": (whatsapp_ios_extras.contacts_v2, "ContactsV2.sqlite"),
    "whatsapp-ios-calls": (whatsapp_ios_extras.call_history, "CallHistory.sqlite"),
    "voicemail": (voicemail.voicemail_db, "voicemail.db"),
    "discord-ios": (
        lambda path: shutil.copy(discord_ios.ios_cache(path.parent / "build"), path),
        "Cache.db",
    ),  # fsCachedData left behind: refused alone
}
BAD = b"\xff\xfe\x00 not text"  # not UTF-8
GOOD = b"Meet at Hollins Road"  # UTF-8 text stored as a BLOB
VALUES = (BAD, GOOD, 7_700_900_123, 2.5)  # and numbers where text is kept


def _text_columns(path: Path) -> list[tuple[str, str]]:
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        out = []
        for table in tables:
            if not conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
                continue
            for _, name, kind, *_ in conn.execute(f'PRAGMA table_info("{table}")'):
                if not kind or any(t in kind.upper() for t in ("TEXT", "CHAR", "CLOB")):
                    out.append((table, name))
        return out
    finally:
        conn.close()


@pytest.mark.parametrize("store", STORES)
def test_a_blob_in_any_text_column_is_read_or_refused_alone(tmp_path, store):
    build, name = STORES[store]
    original = tmp_path / "original" / name
    original.parent.mkdir()
    build(original)
    reader = pick(original)
    assert reader is not None and reader != "unread-app-store", reader
    for n, (table, column) in enumerate(_text_columns(original)):
        for k, value in enumerate(VALUES):
            path = tmp_path / f"{n}-{k}" / name
            path.parent.mkdir()
            shutil.copy(original, path)
            conn = sqlite3.connect(path)
            with conn:
                conn.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE rowid = (SELECT MIN(rowid) FROM "{table}")', (value,))
            conn.close()
            try:
                records = records_of(path, tmp_path / f"work{n}-{k}", reader)
            except InputError:
                continue  # the database refused whole, in one line: nothing could be read (a table every row needs)
            assert any(isinstance(r, Item) for r in records), (table, column, value)
            for r in records:
                if isinstance(r, Refused):
                    assert "not text" not in r.reason and "Hollins" not in r.reason


def test_a_number_where_text_is_kept_is_its_text():
    """A column with no declared type keeps a number as a number (a message "07700900123" stored as 7700900123 by a
    carved copy): the item's text is the number's digits, not a TypeError quarantining the database."""
    from redactor.extract.device import common
    from redactor.records import Source

    source = Source("0" * 64, "S0001", "/x/kik.sqlite", "kik.sqlite", 1, "application/vnd.sqlite3")
    item = common.make_item(source, "row 1", "message", "Kik message", [("text", 7_700_900_123), ("field.rate", 2.5)], {})
    assert [(s.field, s.text) for s in item.segments] == [("text", "7700900123"), ("field.rate", "2.5")]
    with pytest.raises(TypeError):
        common.make_item(source, "row 2", "message", "Kik message", [("text", b"bytes")], {})
