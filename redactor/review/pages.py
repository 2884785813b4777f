"""HTML pages of the review app: the frame, the overview and the redacted preview.

Every value that comes from the case (text, titles, file names, reasons, reviewer
names) goes through :func:`h`, so a message holding ``<script>`` is shown as text.
The pages carry no inline script or style (the Content-Security-Policy forbids both);
positions and sizes travel in ``data-`` attributes that ``review.js`` applies.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence

from redactor import codes
from redactor.entities import label as entity_label
from redactor.records import KEEP, PENDING, REDACT
from redactor.review.queries import Overview

STATUS_LABEL = {PENDING: "pending", REDACT: "redacted", KEEP: "kept"}
SCOPE_LABEL = {"in": "in scope", "out": "not relevant (IRR)", "sensitive": "sensitive (SEN)"}


def h(value: object) -> str:
    """Escape anything for HTML text and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def attrs(**values: object) -> str:
    """``data-`` attributes, escaped: ``attrs(flag="x", off=3)`` -> ``data-flag="x" data-off="3"``."""
    return " ".join(f'data-{k.replace("_", "-")}="{h(v)}"' for k, v in values.items())


def frame(title: str, body: str, *, csrf: str, reviewer: str, case_name: str, page: str, extra: Mapping[str, object] | None = None) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="{h(csrf)}">
<title>{h(title)} · redactor review</title>
<link rel="stylesheet" href="/static/review.css">
<script src="/static/review.js" defer></script>
</head>
<body {attrs(page=page, **(extra or {}))}>
<header class="top">
  <a class="brand" href="/">redactor review</a>
  <span class="case">case <b>{h(case_name)}</b></span>
  <span class="who">reviewer <b>{h(reviewer)}</b></span>
  <button type="button" class="link" data-cmd="help" title="Keyboard shortcuts (?)">keys ?</button>
</header>
<div id="banner" role="status" aria-live="polite" hidden></div>
{body}
{HELP}
{DIALOG}
</body></html>
"""


HELP = """<aside id="help" hidden><h2>Keyboard</h2><table>
<tr><td><kbd>j</kbd> / <kbd>↓</kbd></td><td>next flag (at the end: next item)</td></tr>
<tr><td><kbd>k</kbd> / <kbd>↑</kbd></td><td>previous flag</td></tr>
<tr><td><kbd>a</kbd></td><td>accept the proposal</td></tr>
<tr><td><kbd>r</kbd></td><td>reject the proposal (asks for a reason)</td></tr>
<tr><td><kbd>u</kbd></td><td>undo your last action</td></tr>
<tr><td><kbd>m</kbd></td><td>redact the selected text (a missed redaction)</td></tr>
<tr><td><kbd>s</kbd></td><td>set the current flag's span to the selected text</td></tr>
<tr><td><kbd>c</kbd></td><td>change the reason code</td></tr>
<tr><td><kbd>b</kbd></td><td>same decision for every occurrence of this value in the case</td></tr>
<tr><td><kbd>t</kbd></td><td>accept every pending flag of this type above a score</td></tr>
<tr><td><kbd>o</kbd> / <kbd>e</kbd> / <kbd>i</kbd></td><td>item or conversation not relevant / sensitive / back in scope</td></tr>
<tr><td><kbd>n</kbd></td><td>next item with pending flags</td></tr>
<tr><td><kbd>p</kbd></td><td>preview the redacted item</td></tr>
<tr><td><kbd>g</kbd></td><td>people &amp; identifiers (the start page)</td></tr>
<tr><td><kbd>v</kbd></td><td>flags and material (overview)</td></tr>
<tr><td><kbd>w</kbd></td><td>the whole conversation: messages as rows, <kbd>j</kbd>/<kbd>k</kbd> from flag to flag across them</td></tr>
<tr><td><kbd>Esc</kbd></td><td>close this help or a dialog</td></tr>
</table></aside>"""

DIALOG = """<dialog id="dlg" aria-labelledby="dlg-title"><div class="dlg">
<h2 id="dlg-title"></h2><div id="dlg-body"></div><p id="dlg-error" class="error" hidden></p>
<div class="buttons"><button type="button" id="dlg-ok" class="primary">OK</button> <button type="button" id="dlg-cancel">Cancel</button></div>
</div></dialog>"""


def code_options(selected: str | None = None) -> str:
    return "".join(
        f'<option value="{h(c)}"{" selected" if c == selected else ""}>{h(c)}: {h(rc.meaning)}</option>'
        for c, rc in codes.REASON_CODES.items()
    )


def codes_template() -> str:
    """The reason codes as a hidden select the dialogs copy."""
    return f'<template id="codes-tpl"><select class="code-select">{code_options()}</select></template>'


def _counts_cells(counts: Mapping[str, int]) -> str:
    return "".join(f'<td class="num st-{s}">{counts.get(s, 0)}</td>' for s in (PENDING, REDACT, KEEP))


def overview_page(ov: Overview, top: str = "") -> str:
    c = ov.counts
    total = c["flags"]
    by = c["flags_by_status"]
    decided = total - by.get(PENDING, 0)
    pct = 100 * decided / total if total else 100
    start = (
        '<a class="btn primary" href="/next" data-key="n">Review the next pending item (n)</a>'
        if by.get(PENDING)
        else '<span class="done">Every flag is decided.</span>'
    )
    parts = [
        f"""<main class="overview">{top}
<section class="progress"><h1>Progress</h1>
<progress value="{decided}" max="{max(total, 1)}"></progress>
<p><b>{decided}</b> of <b>{total}</b> flags decided ({pct:.0f}%): <span class="st-pending">{by.get(PENDING, 0)} pending</span>,
<span class="st-redact">{by.get(REDACT, 0)} redacted</span>, <span class="st-keep">{by.get(KEEP, 0)} kept</span>;
{c["decisions"]} decisions recorded. {c["items"]} items from {c["sources"]} sources.</p>
<p>{start}</p></section>"""
    ]
    parts.append(_entities(ov.entities))
    parts.append(_scope_and_quarantine(ov))
    parts.append(_groups(ov))
    parts.append("</main>")
    return "\n".join(parts)


def _entities(entities: Sequence[tuple[str, Mapping[str, int]]]) -> str:
    rows = "".join(
        f"<tr><td>{h(entity_label(e))} <small>{h(e)}</small></td>{_counts_cells(by)}<td><label>accept pending with score ≥ "
        f'<input type="number" class="score" min="0" max="1" step="0.05" value="0.85" {attrs(entity=e)}></label> '
        f'<button type="button" {attrs(cmd="bulk-type", entity=e)}>accept</button></td></tr>'
        for e, by in entities
    )
    return f"""<section><h2>Flags by type</h2><table class="grid"><thead><tr><th>type</th><th>pending</th><th>redacted</th>
<th>kept</th><th>bulk</th></tr></thead><tbody>{rows or '<tr><td colspan="5">no flags</td></tr>'}</tbody></table></section>"""


def _scope_and_quarantine(ov: Overview) -> str:
    scoped = ", ".join(f"{n} {h(SCOPE_LABEL.get(s, s))}" for s, n in sorted(ov.scoped.items())) or "none"
    note = f" ({ov.pending_out_of_scope} pending flags on them still need a decision)" if ov.pending_out_of_scope else ""
    quarantined = "".join(f"<li><b>{h(q['stage'])}</b> {h(q['code'])}: {h(q['reason'])}</li>" for q in ov.counts["quarantined"])
    q_html = f"<ul class='quarantine'>{quarantined}</ul>" if quarantined else "<p>none</p>"
    return f"""<section class="cols"><div><h2>Out of scope</h2><p>{scoped}{h(note)}</p></div>
<div><h2>Quarantined inputs ({len(ov.counts["quarantined"])})</h2>{q_html}</div></section>"""


def _groups(ov: Overview) -> str:
    rows = []
    for g in ov.groups:
        target = g.first_pending or g.first_item
        scope = ", ".join(f"{n} {SCOPE_LABEL.get(s, s)}" for s, n in sorted(g.scopes.items()))
        kind = ", ".join(sorted(g.kinds)) + (" (conversation)" if g.thread else "")
        rows.append(
            f'<tr {attrs(kind=" ".join(sorted(g.kinds)))}><td>{h(g.ref)}</td><td class="name">{h(g.source_name)}</td>'
            f'<td class="name"><a href="/{"thread" if g.thread else "item"}/{h(target)}">{h(g.label) or "(untitled)"}</a></td><td>{h(kind)}</td>'
            f'<td class="num">{g.items}</td>{_counts_cells(g.counts)}<td>{h(scope)}</td></tr>'
        )
    kinds = sorted({k for g in ov.groups for k in g.kinds})
    options = "".join(f'<option value="{h(k)}">{h(k)}</option>' for k in kinds)
    return f"""<section><h2>Material</h2>
<p class="filters"><label>filter <input type="search" id="filter" placeholder="source, name, conversation"></label>
<label>type <select id="kind-filter"><option value="">all</option>{options}</select></label>
<label><input type="checkbox" id="pending-only"> with pending flags only</label></p>
<table class="grid" id="groups"><thead><tr><th>source</th><th>file</th><th>item / conversation</th><th>type</th><th>items</th>
<th>pending</th><th>redacted</th><th>kept</th><th>scope</th></tr></thead><tbody>{"".join(rows)}</tbody></table></section>"""


def preview_page(item_id: str, ref: str, title: str, pages: int, scope: str, problem: str = "") -> str:
    if scope != "in":
        body = f"<p class='notice'>This item is marked {h(SCOPE_LABEL.get(scope, scope))}: it is withheld from the bundle and listed on the schedule.</p>"
    elif problem:
        body = f"<p class='error'>This item cannot be rendered safely and would be withheld from the bundle: {h(problem)}</p>"
    else:
        body = "".join(
            f'<img class="preview" src="/item/{h(item_id)}/preview/{n}.png" alt="redacted page {n}" loading="lazy">'
            for n in range(1, pages + 1)
        )
    return f"""<main class="preview-page"><p><a class="btn" href="/item/{h(item_id)}" data-key="p">back to the item (p)</a>
<b>{h(ref)}</b> {h(title)}: redacted preview. Pending flags are shown redacted, as <code>bundle --pending redact</code> would.</p>
{body}</main>"""


def message_page(title: str, message: str) -> str:
    return f"<main class='overview'><h1>{h(title)}</h1><p>{h(message)}</p><p><a href='/'>overview</a></p></main>"


def joined(parts: Iterable[str]) -> str:
    return "\n".join(parts)
