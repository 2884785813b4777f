"""What the index says of an item: a conversation's title counts its messages in good English ("1 message", "2
messages"; it said "1 messages"), and names the thread when one is named."""

from __future__ import annotations

from redactor.bundle.describe import item_title
from redactor.records import Item, Segment


def _conversation(rows: int, name: str | None = None) -> Item:
    segments = (Segment("c.0", "c", 0, "thread.name", name),) if name else ()
    return Item("c", "s", "thread", "conversation", "Conversation", segments, {"app": "SMS", "rows": [{}] * rows})


def test_a_conversation_counts_its_messages():
    assert item_title(_conversation(1)) == "SMS conversation, 1 message"
    assert item_title(_conversation(2)) == "SMS conversation, 2 messages"
    assert item_title(_conversation(3, "Book club")) == "SMS conversation, 3 messages: Book club"
