"""Instagram for iOS's ``DirectSQLiteDatabase/<id>.db`` written by the tests, in the shape iLEAPP's artifact reads:
``MESSAGES`` and ``THREADS`` whose messages and thread metadata are keyed archives with the app's typed keys. Nothing
here is copied from a phone."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.extract.device.generated.keyed import Obj, archive

VIEWER, DANA = "17841400000000001", "17841400000000002"
WHEN = datetime(2024, 2, 29, 15, 56, 47, tzinfo=UTC)
SCHEMA = """
CREATE TABLE THREADS (THREAD_ID TEXT PRIMARY KEY, VIEWER_ID TEXT, METADATA BLOB);
CREATE TABLE MESSAGES (MESSAGE_ID TEXT PRIMARY KEY, THREAD_ID TEXT, ARCHIVE BLOB);
"""


def user(pk: str, full_name: str, username: str) -> Obj:
    return Obj("IGUser", **{"NSDictionary<NSString *, id>*userDict": {"pk": pk, "full_name": full_name, "username": username}})


def message(n: int, sender: str, content: Obj, thread: str = "340282366841710300949128") -> bytes:
    metadata = Obj(
        "IGDirectPublishedMessageMetadata",
        **{"NSString*senderPk": sender, "NSString*threadId": thread, "NSDate*serverTimestamp": WHEN + timedelta(minutes=n)},
    )
    return archive(
        Obj(
            "IGDirectPublishedMessage",
            **{
                "IGDirectPublishedMessageMetadata*metadata": metadata,
                "IGDirectPublishedMessageContent*content": content,
                "NSArray<IGDirectMessageReaction *>*reactions": [],
            },
        )
    )


def text(words: str, **extra: object) -> Obj:
    return Obj("IGDirectPublishedMessageContent", **{"NSString*string": words}, **extra)


def direct_db(path: Path, *, viewer: bool = True, extra: int = 0) -> None:
    """A thread with Dana: she writes, the owner answers with a photo, a video call, a shared post with a caption;
    ``extra`` more messages from Dana."""
    conn = sqlite3.connect(path)
    with conn:
        conn.executescript(SCHEMA)
        users = [user(DANA, "Dana Whitcombe", "dana.w")]
        metadata = archive(
            Obj("IGDirectThreadMetadata", **{"NSArray<IGUser *>*users": users, "IGUser*inviter": user(VIEWER, "Sam Owner", "sam")})
        )
        conn.execute("INSERT INTO THREADS VALUES ('340282366841710300949128', ?, ?)", (VIEWER if viewer else None, metadata))
        call = Obj(
            "IGDirectPublishedMessageContent",
            **{
                "IGDirectThreadActivityAnnouncement*threadActivity": Obj(
                    "IGDirectThreadActivityAnnouncement", **{"NSString*voipTitle": "Video chat ended", "NSString*videoCallId": "99"}
                )
            },
        )
        shared = Obj(
            "IGDirectPublishedMessageContent",
            **{
                "IGDirectPublishedMessageMedia*media": Obj(
                    "IGDirectPublishedMessageMedia",
                    **{
                        "NSString*caption": "Party at 14 Mill Lane",
                        "NSString*mediaId": "123_456",
                        "NSURL*url": "https://cdn.example/p.jpg",
                    },
                )
            },
        )
        rows = [
            ("m1", message(1, DANA, text("Are you home? Flat 2, 14 Mill Lane"))),
            ("m2", message(2, VIEWER, text("Yes, ring 07700 900123", **{"IGDirectPublishedMessageMedia*media": Obj("IGPhoto")}))),
            ("m3", message(3, DANA, call)),
            ("m4", message(4, DANA, shared)),
        ] + [(f"x{i}", message(10 + i, DANA, text(f"Message {i}"))) for i in range(extra)]  # fmt: skip
        conn.executemany("INSERT INTO MESSAGES VALUES (?, '340282366841710300949128', ?)", rows)
    conn.close()
