"""HTML for People & identifiers (the start page) and one value's occurrences.

Every value from the case goes through :func:`redactor.review.pages.h`; no inline script or style.
"""

from __future__ import annotations

from collections.abc import Sequence

from redactor.case.value_rows import Inconsistency
from redactor.records import KEEP, PENDING, REDACT
from redactor.review.pages import attrs, codes_template, h
from redactor.review.values import ValuesView, ValueView

STATUS = {PENDING: "pending", REDACT: "redacted", KEEP: "kept", "mixed": "mixed"}
RISK = {3: "special category", 2: "victim / witness", 1: "third party", 0: ""}

KEYS = (
    "<kbd>j</kbd>/<kbd>k</kbd> move · <kbd>a</kbd> accept the proposal · <kbd>x</kbd> redact (code) · "
    "<kbd>c</kbd> keep in clear (reason) · <kbd>u</kbd> undo · <kbd>/</kbd> filter · <kbd>Enter</kbd> occurrences · "
    "<kbd>v</kbd> flags and material"
)


def values_page(view: ValuesView) -> str:
    by = view.flags_by_status
    total = sum(by.values())
    decided = total - by.get(PENDING, 0)
    pending_values = sum(v.status == PENDING for v in view.values)
    rows = "".join(_row(v) for v in view.values) or '<tr><td colspan="9">no values</td></tr>'
    return f"""<main class="values">
<section class="progress"><h1>People &amp; identifiers</h1>
<p><b>{pending_values}</b> of <b>{len(view.values)}</b> values still need a decision; <b>{decided}</b> of <b>{total}</b> flags decided.
<a href="/overview" class="btn" data-key="v">flags and material (v)</a></p><p class="muted">{KEYS}</p></section>
{inconsistent_section(view.inconsistent)}
<p class="filters"><label>filter <input type="search" id="value-filter" placeholder="name, entity or party (press /)" autocomplete="off"></label>
<span id="value-count" class="muted"></span></p>
<table class="grid" id="values"><thead><tr><th>value</th><th>entity</th><th>display</th><th>occurrences</th><th>items</th>
<th>party</th><th>risk</th><th>proposal</th><th>status</th></tr></thead><tbody>{rows}</tbody></table>
{codes_template()}</main>"""


def _row(v) -> str:
    data = attrs(value=v.value_id, version=v.version, status=v.status, proposal=v.proposal, code=v.code)
    return (
        f'<tr {data} class="st-{h(v.status)}"><td><a href="/value/{h(v.value_id)}">{h(v.value_id)}</a></td><td>{h(v.entity)}</td>'
        f'<td class="name">{h(v.display)}</td><td class="num">{v.occurrences}</td><td class="num">{v.items}</td><td>{h(v.party)}</td>'
        f"<td>{h(RISK.get(v.risk, ''))}</td><td>{h(v.proposal)} {h(v.code)}</td>"
        f'<td class="status"><span class="badge st-{h(v.status)}">{h(STATUS.get(v.status, v.status))}</span>'
        f"{' <span class=muted>by policy</span>' if v.decided_by == 'policy' else ''}</td></tr>"
    )


def inconsistent_section(items: Sequence[Inconsistency]) -> str:
    """Values redacted in one place and kept in another (also on the overview)."""
    if not items:
        return ""
    rows = "".join(
        f'<li><a href="/value/{h(i.value.value_id)}">{h(i.value.value_id)}</a> {h(i.value.entity)} <q>{h(i.value.display)}</q>: '
        f"{h(STATUS[i.usual])} in {i.value.redacted if i.usual == REDACT else i.value.kept} places, not in {len(i.exceptions)}"
        f"{f' (<b>{len(i.unexplained)} without a reason: the bundle refuses</b>)' if i.unexplained else ' (each with a reason)'}</li>"
        for i in items
    )
    return (
        f'<section class="notice" id="inconsistent"><h2>Redacted in one place, kept in another ({len(items)})</h2><ul>{rows}</ul></section>'
    )


def value_page(view: ValueView) -> str:
    v = view.value
    rows = "".join(
        f'<tr {attrs(flag=o.flag_id)} class="st-{h(o.status)}"><td><a href="/item/{h(o.item_id)}#f={h(o.flag_id)}">{h(o.ref)}</a></td>'
        f'<td class="seg">{h(o.before)}<mark class="run st-{h(o.status)}">{h(o.text)}</mark>{h(o.after)}</td>'
        f'<td><span class="badge st-{h(o.status)}">{h(STATUS.get(o.status, o.status))}</span>{" excepted" if o.excepted else ""}</td>'
        f'<td><button type="button" {attrs(cmd="except", flag=o.flag_id, status=o.status)}>except…</button></td></tr>'
        for o in view.occurrences
    )
    more = (
        f"<p class='muted'>showing the first {len(view.occurrences)} of {v.occurrences}</p>"
        if v.occurrences > len(view.occurrences)
        else ""
    )
    decided = f"{h(v.decision)} by {h(v.decided_by)}" + (f": {h(v.reason)}" if v.reason else "") if v.decision else "not decided"
    return f"""<main class="values"><p><a class="btn" href="/" data-key="g">People &amp; identifiers (g)</a></p>
<h1>{h(v.value_id)} {h(v.entity)}: <q>{h(v.display)}</q></h1>
<table id="values" class="grid"><tbody><tr {attrs(value=v.value_id, version=v.version, status=v.status, proposal=v.proposal, code=v.code)}>
<td>{v.occurrences} occurrences in {v.items} items; party {h(v.party)}; proposal {h(v.proposal)} {h(v.code)} ({h(v.rule)})</td>
<td class="status"><span class="badge st-{h(v.status)}">{h(STATUS.get(v.status, v.status))}</span> {decided}</td></tr></tbody></table>
<p class="muted">{KEYS}</p>
<table class="grid" id="occurrences"><thead><tr><th>item</th><th>text</th><th>status</th><th></th></tr></thead><tbody>{rows}</tbody></table>
{more}{codes_template()}</main>"""
