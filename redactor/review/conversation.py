"""The conversation view: a thread is one reviewable unit, its messages are rows.

A window of :data:`WINDOW` messages (the one containing the requested message) is shown with
every flag of every message in one list, so ``j``/``k`` jump from flag to flag across messages and
``a`` accepts them one after another without leaving the page. The panel, the details and the
keys are the item page's (``itempage.panel_html`` over a view whose segments are the window's).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from redactor.case import CaseStore
from redactor.records import Decision, Flag, Item
from redactor.review.itempage import _message_head, panel_html, segment_html
from redactor.review.pages import attrs, code_options, codes_template, h
from redactor.review.queries import ItemView, _people, thread_items, thread_of

WINDOW = 200  # messages per page of a conversation


@dataclass(frozen=True)
class ConversationView:
    view: ItemView  # the window as one item: every message's segments and flags
    messages: Sequence[tuple[Item, str]]  # message and its reference, in order
    title: str
    first: int  # position of the window's first message in the conversation
    total: int
    prev_window: str | None  # a message id in the previous / next window
    next_window: str | None


def conversation_view(store: CaseStore, item_id: str) -> ConversationView:
    anchor = store.item(item_id)
    members = [m for m in thread_items(store, item_id) if m]
    at = members.index(item_id) if item_id in members else 0
    first = (at // WINDOW) * WINDOW
    window = members[first : first + WINDOW]
    refs = store.item_refs(window)
    messages = [(store.item(m), refs.get(m, m)) for m in window]
    flags: list[Flag] = []
    for message, _ in messages:
        order = {s.segment_id: s.index for s in message.segments}
        flags += sorted(store.flags(item_id=message.item_id), key=lambda f: (order.get(f.segment_id, 0), f.start, f.end, f.entity))
    history: dict[str, list[Decision]] = {}
    for d in store.decisions_for([f.flag_id for f in flags]):
        history.setdefault(d.flag_id, []).append(d)
    thread = thread_of(anchor.device)
    title = (store.thread_title(anchor.source_id, thread[0]) if thread else None) or (thread[1] if thread else anchor.title)
    segments = tuple(s for message, _ in messages for s in message.segments)
    whole = Item(anchor.item_id, anchor.source_id, anchor.locator, "conversation", title, segments, {})
    span = f"{refs.get(window[0], '')} to {refs.get(window[-1], '')}" if window else ""
    view = ItemView(
        whole,
        span,
        store.item_scope(item_id),
        flags,
        history,
        None,
        (),
        (),
        None,
        None,
        store.next_pending_item(window[-1] if window else item_id),
        "",
        store.scope_history(item_id),
        _people(store, flags),
    )
    prev_window = members[first - WINDOW] if first >= WINDOW else None
    next_window = members[first + WINDOW] if first + WINDOW < len(members) else None
    return ConversationView(view, messages, title, first, len(members), prev_window, next_window)


def conversation_body(cv: ConversationView) -> str:
    flags = cv.view.flags
    rows = []
    for message, ref in cv.messages:
        mine = [f for f in flags if f.item_id == message.item_id]
        segs = "".join(segment_html(s, mine, interactive=True) for s in message.segments)
        rows.append(f'<article class="msg" {attrs(msg=message.item_id)}><header>{_message_head(message, ref)}</header>{segs}</article>')
    nav = ['<a class="btn" href="/">people &amp; identifiers (g)</a>']
    if cv.prev_window:
        nav.append(f'<a class="btn" href="/thread/{h(cv.prev_window)}">← earlier messages</a>')
    if cv.next_window:
        nav.append(f'<a class="btn" href="/thread/{h(cv.next_window)}">later messages →</a>')
    if cv.view.next_pending:
        nav.append(f'<a class="btn primary" href="/item/{h(cv.view.next_pending)}">next pending (n)</a>')
    last = cv.first + len(cv.messages)
    heading = f"conversation: {h(cv.title)} · messages {cv.first + 1}-{last} of {cv.total}"
    return f"""<nav class="itemnav">{" ".join(nav)}</nav>
<main class="item"><section id="content"><section class="thread"><h2>{heading}</h2>{"".join(rows)}</section></section>{panel_html(cv.view)}</main>
{codes_template()}<template id="code-options">{code_options()}</template>"""


def conversation_extra(cv: ConversationView) -> dict[str, object]:
    return {
        "item": cv.view.item.item_id,
        "next": cv.next_window or "",
        "prev": cv.prev_window or "",
        "next_pending": cv.view.next_pending or "",
        "thread": "1",
    }
