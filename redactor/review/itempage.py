"""The item page: the text (or page images) with every flag highlighted, and the decision panel.

Text is split into runs at flag boundaries (:func:`queries.runs`); each run carries its
offset in the segment (``data-off``, in Python string indices) so the browser can map a
selection back to segment offsets for a manual redaction or a span change.
"""

from __future__ import annotations

from collections.abc import Sequence

from redactor import codes
from redactor.decisions.imports import outcome
from redactor.entities import label as entity_label
from redactor.records import KEEP, PENDING, REDACT, Decision, Flag, Item, Segment
from redactor.review.images import has_page_images
from redactor.review.pages import SCOPE_LABEL, STATUS_LABEL, attrs, code_options, codes_template, h
from redactor.review.queries import ItemView, explain, flag_boxes, runs

VERB = {REDACT: "redact", KEEP: "keep"}
PLAIN_FIELDS = ("text", "body", "page")  # other fields (sender.name, subject, ...) are labelled
PROPOSED_LABEL = {REDACT: "redact", KEEP: "keep", "review": "review (redacts if accepted)"}


def _run_status(flags: Sequence[Flag]) -> str:
    statuses = {f.status for f in flags}
    return PENDING if PENDING in statuses else REDACT if REDACT in statuses else KEEP


def segment_html(segment: Segment, flags: Sequence[Flag], *, interactive: bool) -> str:
    out = []
    for run in runs(segment, flags):
        text = h(segment.text[run.start : run.end])
        if not run.flags:
            out.append(f"<span {attrs(off=run.start)}>{text}</span>")
            continue
        top = run.flags[0]
        cls = f"run code-{h(top.code)} st-{_run_status(run.flags)}" + (" manual" if top.origin == "manual" else "")
        ids = " ".join(f.flag_id for f in run.flags)
        out.append(f'<mark class="{cls}" {attrs(off=run.start, flags=ids)} title="{h(top.entity)} · {h(top.code)}">{text}</mark>')
    role = "seg" if interactive else "seg ctx"
    label = "" if segment.field in PLAIN_FIELDS else f'<span class="fname">{h(segment.field)}</span>'
    return f'{label}<div class="{role}" {attrs(seg=segment.segment_id, len=len(segment.text), field=segment.field)}>{"".join(out)}</div>'


def _message_head(item: Item, ref: str) -> str:
    facts = item.device
    sender = facts.sender.label if facts.sender else ""
    when = (facts.time.utc or facts.time.raw or "") if facts.time else ""
    direction = facts.direction or ""
    bits = [
        f"<b>{h(sender)}</b>" if sender else "",
        f"<span class='dir'>{h(direction)}</span>" if direction and direction != "unknown" else "",
        f"<time>{h(when)}</time>" if when else "",
        f"<span class='kind'>{h(item.kind)}</span>",
        f"<span class='ref'>{h(ref)}</span>",
    ]
    return " ".join(b for b in bits if b)


def _context_message(item: Item, ref: str, flags: Sequence[Flag]) -> str:
    segs = "".join(segment_html(s, flags, interactive=False) for s in item.segments)
    return f'<article class="msg context"><header><a href="/item/{h(item.item_id)}">{_message_head(item, ref)}</a></header>{segs}</article>'


def _page_figure(view: ItemView, segment: Segment) -> str:
    boxes = []
    for flag in view.flags:
        if flag.segment_id != segment.segment_id:
            continue
        for left, top, width, height in flag_boxes(segment, flag, view.page_boxes.get(segment.page or 0)):
            boxes.append(
                f'<a class="box code-{h(flag.code)} st-{h(flag.status)}" href="#f={h(flag.flag_id)}" '
                f"{attrs(flag=flag.flag_id, box=f'{left:.5f},{top:.5f},{width:.5f},{height:.5f}')}></a>"
            )
    src = f"/item/{h(view.item.item_id)}/page/{segment.page}.png"
    return (
        f'<figure class="page"><figcaption>page {segment.page}</figcaption><div class="pagewrap">'
        f'<img src="{src}" alt="page {segment.page} of the original" loading="lazy"><div class="boxes">{"".join(boxes)}</div></div></figure>'
    )


def content_html(view: ItemView) -> str:
    item = view.item
    if view.thread is not None:
        before = "".join(_context_message(i, r, f) for i, r, f in view.before)
        after = "".join(_context_message(i, r, f) for i, r, f in view.after)
        segs = "".join(segment_html(s, view.flags, interactive=True) for s in item.segments)
        current = f'<article class="msg current"><header>{_message_head(item, view.ref)}</header>{segs}</article>'
        return (
            f'<section class="thread"><h2>conversation: {h(view.thread[1])} '
            f'<a class="btn" href="/thread/{h(item.item_id)}" data-key="w">whole conversation (w)</a></h2>'
            f"{before or '<p class=edge>start of the conversation</p>'}{current}{after or '<p class=edge>end of the conversation</p>'}</section>"
        )
    with_pages = has_page_images(item, view.source_media_type)
    parts = []
    for seg in item.segments:
        label = f"page {seg.page}" if seg.page else seg.field
        if with_pages:
            parts.append(
                f'<div class="pagerow">{_page_figure(view, seg)}<div class="pagetext"><h3>text of {h(label)}</h3>'
                f"{segment_html(seg, view.flags, interactive=True)}</div></div>"
            )
        else:
            parts.append(f'<section class="segment"><h3>{h(label)}</h3>{segment_html(seg, view.flags, interactive=True)}</section>')
    return "".join(parts)


def _flag_li(view: ItemView, flag: Flag) -> str:
    value = view.value(flag)
    short = value if len(value) <= 40 else value[:37] + "…"
    data = attrs(
        flag=flag.flag_id,
        version=flag.version,
        status=flag.status,
        proposed=flag.proposed,
        seg=flag.segment_id,
        start=flag.start,
        end=flag.end,
        entity=flag.entity,
        score=f"{flag.score:.2f}",
        code=flag.code,
    )
    return (
        f'<li {data} class="st-{h(flag.status)}"><span class="chip code-{h(flag.code)}">{h(flag.code)}</span> '
        f'<span class="ent" title="{h(entity_label(flag.entity))}">{h(flag.entity)}</span> <q>{h(short)}</q> <span class="badge st-{h(flag.status)}">{h(STATUS_LABEL[flag.status])}</span></li>'
    )


def _history(decisions: Sequence[Decision]) -> str:
    if not decisions:
        return "<p class='muted'>no decision yet</p>"
    rows = "".join(
        f"<tr><td>{h(d.at[:19].replace('T', ' '))}</td><td>{h(d.reviewer)}</td><td>{h(d.action)}</td>"
        f"<td>{h(d.before.get('status'))} → {h(d.after.get('status'))}"
        f"{' (' + h(d.before.get('code')) + ' → ' + h(d.after.get('code')) + ')' if d.before.get('code') != d.after.get('code') else ''}"
        f"{' span ' + h(d.before.get('start')) + '-' + h(d.before.get('end')) + ' → ' + h(d.after.get('start')) + '-' + h(d.after.get('end')) if (d.before.get('start'), d.before.get('end')) != (d.after.get('start'), d.after.get('end')) else ''}"
        f"</td><td>{h(d.reason)}</td></tr>"
        for d in decisions
    )
    return f"<table class='history'><thead><tr><th>UTC</th><th>who</th><th>action</th><th>change</th><th>reason</th></tr></thead><tbody>{rows}</tbody></table>"


def _detail(view: ItemView, flag: Flag) -> str:
    why = (
        "".join(f"<dt>{h(k)}</dt><dd>{h(v)}</dd>" for k, v in explain(flag, view.people)) or "<dt>why</dt><dd>no explanation recorded</dd>"
    )
    return f"""<section class="detail" id="detail-{h(flag.flag_id)}" hidden {attrs(flag=flag.flag_id)}>
<p class="value"><q>{h(view.value(flag))}</q></p>
<dl class="facts"><dt>type</dt><dd>{h(entity_label(flag.entity))} ({h(flag.entity)})</dd>
<dt>reason code</dt><dd><span class="chip code-{h(flag.code)}">{h(flag.code)}</span> {h(codes.describe(flag.code))}</dd>
<dt>score</dt><dd>{flag.score:.2f}</dd><dt>recognizer</dt><dd>{h(flag.recognizer)}</dd>
<dt>proposed</dt><dd>{h(PROPOSED_LABEL.get(flag.proposed, flag.proposed))}</dd>
<dt>status</dt><dd><span class="badge st-{h(flag.status)}">{h(STATUS_LABEL[flag.status])}</span> (version {flag.version})</dd>{why}</dl>
<p class="actions"><button type="button" class="primary" data-cmd="accept">accept: {h(VERB[outcome(flag, "accept")])} (a)</button>
<button type="button" data-cmd="reject">reject: {h(VERB[outcome(flag, "reject")])} (r)</button> <button type="button" data-cmd="code">code (c)</button>
<button type="button" data-cmd="span">span from selection (s)</button> <button type="button" data-cmd="bulk-value">all occurrences (b)</button>
<button type="button" data-cmd="bulk-type">all {h(flag.entity)} ≥ score (t)</button>
<button type="button" data-cmd="revert">undo last decision on this flag</button></p>
<h4>history</h4>{_history(view.history.get(flag.flag_id, ()))}</section>"""


def _pages(value: object) -> str:
    return ", ".join(str(p) for p in value) if isinstance(value, (list, tuple)) else ""


def _ocr_notes(view: ItemView) -> str:
    """What the reviewer must check by eye: pages read by OCR, with low confidence, or with no text found."""
    meta = view.item.meta
    notes = []
    if ocr := _pages(meta.get("ocr_pages")):
        notes.append(f"pages read by OCR: {h(ocr)}")
    for entry in meta.get("review_pages") or ():
        if isinstance(entry, dict):
            notes.append(
                f"page {h(entry.get('page'))}: {h(entry.get('reason', 'low OCR confidence'))} (mean confidence {h(entry.get('mean_conf'))})"
            )
    if empty := _pages(meta.get("pages_without_words")):
        notes.append(f"no text found on pages {h(empty)}: check the page images; anything there cannot be selected here")
    return f"<ul class='notes'>{''.join(f'<li>{n}</li>' for n in notes)}</ul>" if notes else ""


def _scope_history(view: ItemView) -> str:
    if not view.scope_history:
        return ""
    rows = "".join(
        f"<tr><td>{h(str(r['at'])[:19].replace('T', ' '))}</td><td>{h(r['reviewer'])}</td>"
        f"<td>{h(SCOPE_LABEL.get(r['before'], r['before']))} → {h(SCOPE_LABEL.get(r['after'], r['after']))}</td><td>{h(r['reason'])}</td></tr>"
        for r in view.scope_history
    )
    return (
        f"<details class='scopes'><summary>scope history ({len(view.scope_history)})</summary><table class='history'><thead><tr><th>UTC</th>"
        f"<th>who</th><th>change</th><th>reason</th></tr></thead><tbody>{rows}</tbody></table></details>"
    )


def panel_html(view: ItemView) -> str:
    flags = "".join(_flag_li(view, f) for f in view.flags) or "<li class='none'>no flags: select text and press m to add a redaction</li>"
    details = "".join(_detail(view, f) for f in view.flags)
    thread = " or conversation" if view.thread else ""
    scope_cls = f"scope-{h(view.scope)}"
    return f"""<aside id="panel">
<section class="iteminfo"><h2><span class="ref">{h(view.ref)}</span> {h(view.item.title)}</h2>
<p>{h(view.item.kind)} · {len(view.flags)} flags, <b>{view.pending}</b> pending ·
<span class="scope {scope_cls}">{h(SCOPE_LABEL.get(view.scope, view.scope))}</span></p>
<p class="actions"><button type="button" data-cmd="scope-out">not relevant (o)</button>
<button type="button" data-cmd="scope-sensitive">sensitive (e)</button> <button type="button" data-cmd="scope-in">in scope (i)</button>
<button type="button" data-cmd="manual">redact selection (m)</button> <button type="button" data-cmd="undo">undo (u)</button>
<a class="btn" href="/item/{h(view.item.item_id)}/preview">preview (p)</a></p>
<p class="muted">scope actions apply to this item{thread}.</p>{_ocr_notes(view)}{_scope_history(view)}</section>
<ol id="flags">{flags}</ol>
{details}
</aside>"""


def item_page_body(view: ItemView) -> str:
    nav = []
    if view.prev_item:
        nav.append(f'<a class="btn" href="/item/{h(view.prev_item)}">← previous item</a>')
    nav.append('<a class="btn" href="/">overview (g)</a>')
    if view.next_item:
        nav.append(f'<a class="btn" href="/item/{h(view.next_item)}">next item →</a>')
    if view.next_pending:
        nav.append(f'<a class="btn primary" href="/item/{h(view.next_pending)}">next pending (n)</a>')
    return f"""<nav class="itemnav">{" ".join(nav)}</nav>
<main class="item"><section id="content">{content_html(view)}</section>{panel_html(view)}</main>
{codes_template()}<template id="code-options">{code_options()}</template>"""


def item_extra(view: ItemView) -> dict[str, object]:
    return {
        "item": view.item.item_id,
        "next": view.next_item or "",
        "prev": view.prev_item or "",
        "next_pending": view.next_pending or "",
        "thread": "1" if view.thread else "",
    }
