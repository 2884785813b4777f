"""The review app in Debian's Chromium, headless, driven by Playwright: keyboard decisions, a manual
redaction by selecting text, bulk decisions, the conflict message, CSRF and XSS."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from redactor.case import CaseStore
from redactor.records import KEEP, PENDING, REDACT

from .conftest import XSS, chat_case, close_or_kill, flag_with_text, item_by_title, person_flag

pytestmark = pytest.mark.browser


def _open(page, server, item_id):
    page.goto(f"{server.url}item/{item_id}")
    page.wait_for_selector("#flags li.cur, #flags li.none")


def _current(page):
    return page.get_attribute("#flags li.cur", "data-flag")


def _events(case_dir, name):
    with CaseStore.open(case_dir) as s:
        return [e for e in s.audit.events() if e.event == name]


def test_accept_reject_and_undo_with_the_keyboard(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "note.txt")
    _open(page, server, item.item_id)
    first = _current(page)
    page.keyboard.press("a")  # applied on screen at once, sent in the background: no reload
    page.wait_for_selector(f'#flags li[data-flag="{first}"][data-status="redact"]')
    page.wait_for_selector('body[data-queued="0"]')
    second = _current(page)
    assert second != first  # moved on to the next pending flag
    page.keyboard.press("r")
    page.wait_for_selector("#dlg[open]")
    page.keyboard.press("Enter")  # no reason: refused in the dialog
    page.wait_for_selector("#dlg-error:not([hidden])")
    assert "needs a reason" in page.text_content("#dlg-error")
    page.keyboard.press("4")  # the fourth quick reason
    assert page.input_value("#dlg-reason") == "officer or professional acting in role"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#flags li.cur")
    with CaseStore.open(case_dir) as s:
        assert s.flag(first).status == REDACT
        assert s.flag(second).status == KEEP
        assert s.decisions(second)[-1].reason == "officer or professional acting in role"
        assert {d.reviewer for d in s.decisions()} == {"DC Tester"}
    with page.expect_navigation():
        page.keyboard.press("u")
    page.wait_for_selector("#flags li.cur")
    with CaseStore.open(case_dir) as s:
        assert s.flag(second).status == PENDING
        assert [d.action for d in s.decisions(second)] == ["reject", "undo"]
        s.verify_audit()
    assert [e.actor for e in _events(case_dir, "flag.accept")] == ["DC Tester"]
    assert len(_events(case_dir, "flag.reject")) == 1 and len(_events(case_dir, "flag.undo")) == 1
    assert page.errors == []


def _select_text(page, needle: str, occurrence: int = 0):
    """Select ``needle`` in the interactive text as a mouse drag would (a DOM Range over text nodes)."""
    found = page.evaluate(
        """([needle, occurrence]) => {
            for (const seg of document.querySelectorAll('#content .seg:not(.ctx)')) {
              const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
              const nodes = []; let text = '', node;
              while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.data; }
              let at = -1;
              for (let k = 0; k <= occurrence; k++) { at = text.indexOf(needle, at + 1); if (at < 0) break; }
              if (at < 0) continue;
              const locate = (pos, end) => {
                for (const [n, base] of nodes) {
                  if (pos < base + n.data.length || (end && pos === base + n.data.length)) return [n, pos - base];
                }
              };
              const [sn, so] = locate(at, false), [en, eo] = locate(at + needle.length, true);
              const range = document.createRange();
              range.setStart(sn, so); range.setEnd(en, eo);
              const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
              return true;
            }
            return false;
        }""",
        [needle, occurrence],
    )
    assert found, needle


def test_a_missed_redaction_is_added_by_selecting_text(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "statement.txt")
    _open(page, server, item.item_id)
    _select_text(page, "again")  # after an emoji: offsets must be code points, not UTF-16 units
    page.keyboard.press("m")
    page.wait_for_selector("#dlg[open]")
    page.select_option("#dlg-code", "CTX")
    with page.expect_navigation():
        page.click("#dlg-ok")
    page.wait_for_selector("#flags li.cur")
    with CaseStore.open(case_dir) as s:
        manual = [f for f in s.flags(item_id=item.item_id) if f.origin == "manual"]
        text = s.item(item.item_id).segments[0].text
    assert [(text[f.start : f.end], f.status, f.code) for f in manual] == [("again", REDACT, "CTX")]
    assert _current(page) == manual[0].flag_id
    assert len(_events(case_dir, "flag.add")) == 1


def test_bulk_decision_for_every_occurrence_of_a_value(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "Mark Brown", "statement.txt")
        others = [f.flag_id for f in s.flags() if f.entity == "PERSON" and _text(s, f) == "Mark Brown"]
    assert len(others) >= 3  # twice in the statement, once in the note
    page.goto(f"{server.url}item/{flag.item_id}#f={flag.flag_id}")
    page.wait_for_selector("#flags li.cur")
    assert _current(page) == flag.flag_id
    page.keyboard.press("b")
    page.wait_for_selector("#dlg[open]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#banner:not([hidden])")
    assert "Applied to" in page.text_content("#banner")
    with CaseStore.open(case_dir) as s:
        assert {s.flag(f).status for f in others} == {REDACT}
        assert {d.action for f in others for d in s.decisions(f)} == {"bulk-accept"}
    assert len(_events(case_dir, "bulk.value")) == 1


def _text(store, flag):
    seg = next(x for x in store.item(flag.item_id).segments if x.segment_id == flag.segment_id)
    return seg.text[flag.start : flag.end]


def test_bulk_accept_of_a_type_above_a_score_from_the_overview(page, server, case_dir):
    page.goto(server.url + "overview")
    page.fill('input.score[data-entity="PHONE_NUMBER"]', "0.9")
    page.click('button[data-cmd="bulk-type"][data-entity="PHONE_NUMBER"]')
    page.wait_for_selector("#dlg[open]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    with CaseStore.open(case_dir) as s:
        phones = [f for f in s.flags() if f.entity == "PHONE_NUMBER"]
        others = [f for f in s.flags() if f.entity != "PHONE_NUMBER"]
    assert phones and all((f.status == REDACT) == (f.score >= 0.9) for f in phones)
    assert all(f.status == PENDING for f in others)


def test_a_stale_decision_shows_a_message_and_changes_nothing(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "note.txt")
    _open(page, server, item.item_id)
    flag_id = _current(page)
    with CaseStore.open(case_dir) as s:  # another reviewer decides meanwhile
        s.decide(flag_id, action="reject", status=KEEP, reviewer="DC Other", reason="in role", expected_version=s.flag(flag_id).version)
    with page.expect_navigation():
        page.keyboard.press("a")
    page.wait_for_selector("#banner:not([hidden])")
    assert "someone else" in page.text_content("#banner")
    with CaseStore.open(case_dir) as s:
        assert s.flag(flag_id).status == KEEP and [d.reviewer for d in s.decisions(flag_id)] == ["DC Other"]
    assert "DC Other" in page.text_content(f"#detail-{flag_id}")  # the reload shows the other decision


class _Attacker(BaseHTTPRequestHandler):
    target = ""
    body = ""

    def do_GET(self):  # noqa: N802
        page = f"""<!doctype html><html><body>
<form id="f" method="POST" action="{self.target}api/decide" enctype="text/plain">
<input name='{{"flag_id":"{self.body}","action":"accept","version":1,"x":"' value='"}}'></form>
<script>
fetch("{self.target}api/decide", {{method: "POST", mode: "no-cors", credentials: "include",
  headers: {{"Content-Type": "text/plain"}}, body: JSON.stringify({{flag_id: "{self.body}", action: "accept", version: 1}})}})
  .finally(() => document.getElementById("f").submit());
</script></body></html>"""
        data = page.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_a_cross_site_post_without_the_token_is_refused(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "07700 900789")
    page.goto(server.url)  # the reviewer has a session cookie
    handler = type("Attacker", (_Attacker,), {"target": server.url, "body": flag.flag_id})
    evil = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=evil.serve_forever, daemon=True).start()
    try:
        page.goto(f"http://localhost:{evil.server_address[1]}/")  # another origin
        page.wait_for_timeout(1500)
    finally:
        evil.shutdown()
        evil.server_close()
    with CaseStore.open(case_dir) as s:
        assert s.flag(flag.flag_id).status == PENDING and s.decisions() == []
    assert "cross" in page.content() or "CSRF" in page.content() or "session" in page.content()


def test_script_in_a_message_is_shown_as_text(page, server, case_dir, tmp_path):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "note.txt")
    _open(page, server, item.item_id)
    assert XSS in page.text_content("#content")
    assert page.locator("#content script").count() == 0
    page.wait_for_timeout(300)
    assert dialogs == [] and page.errors == []
    page.screenshot(path=str(tmp_path / "item.png"))
    assert (tmp_path / "item.png").stat().st_size > 10_000


def test_change_code_and_span_and_scope_with_the_keyboard(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "Mark Brown", "note.txt")
    page.goto(f"{server.url}item/{flag.item_id}#f={flag.flag_id}")
    page.wait_for_selector("#flags li.cur")
    page.keyboard.press("c")
    page.wait_for_selector("#dlg[open]")
    page.select_option("#dlg-code", "VW")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#flags li.cur")
    _select_text(page, "sent by Mark Brown")  # crosses the flag's highlight: several text nodes
    page.keyboard.press("s")
    page.wait_for_selector("#dlg[open]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#flags li.cur")
    page.keyboard.press("o")
    page.wait_for_selector("#dlg[open]")
    page.fill("#dlg-reason", "outside the agreed date range")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("#flags li.cur")
    with CaseStore.open(case_dir) as s:
        after = s.flag(flag.flag_id)
        text = s.item(flag.item_id).segments[0].text
        assert (after.code, text[after.start : after.end], after.status) == ("VW", "sent by Mark Brown", PENDING)
        assert [d.action for d in s.decisions(flag.flag_id)] == ["modify", "modify"]
        assert s.item_scope(flag.item_id) == "out"
    assert "not relevant (IRR)" in page.text_content("#panel")


def _typing_case(root):
    """Two messages of twelve flags each: 24 pending flags, no detector needed."""
    from redactor.records import Item, Segment

    store = CaseStore.create(root)
    sid = "d" * 64
    store.add_source(sid, "chat.txt", "chat.txt", 1, "text/plain")
    items, flags = [], []
    for n in range(2):
        iid = f"{n:016x}"
        text = " ".join(f"name{k} Person" for k in range(12))
        seg = Segment(f"{iid}.0", iid, 0, "text", text)
        items.append(Item(iid, sid, f"line {n}", "message", f"message {n}", (seg,), {}))
        for k in range(12):
            start = text.index(f"name{k} ")
            end = start + len(f"name{k}")
            flags.append(person_flag(seg, start, end))
    store.save_items(sid, items)
    store.save_flags(sid, flags)
    store.close()
    return items


def test_twenty_quick_presses_are_twenty_decisions(page, tmp_path):
    """20 presses of 'a' at 20 a second: each is applied or queued, none dropped; past the end of an
    item the presses carry on into the next item with pending flags."""
    from redactor.review.server import ReviewServer

    items = _typing_case(tmp_path / "case")
    srv = ReviewServer(tmp_path / "case", "DC Fast", port=0)
    srv.start_background()
    try:
        _open(page, srv, items[0].item_id)
        for _ in range(20):
            page.keyboard.press("a")
            page.wait_for_timeout(50)
        page.wait_for_url(f"**/item/{items[1].item_id}**")
        page.wait_for_selector('body[data-queued="0"]')
        page.wait_for_function("document.querySelectorAll('#flags li[data-status=\"redact\"]').length === 8")
    finally:
        srv.stop()
    with CaseStore.open(tmp_path / "case") as s:
        decided = [d for d in s.decisions() if d.action == "accept"]
        assert len(decided) == 20 and len({d.flag_id for d in decided}) == 20
        assert {f.item_id for f in s.flags(status=REDACT)} == {items[0].item_id, items[1].item_id}
        assert len(s.flags(status=PENDING)) == 4
    assert page.errors == []


def test_people_and_identifiers_is_the_start_page_and_works_from_the_keyboard(page, server, case_dir):
    with CaseStore.open(case_dir) as s:
        s.sync_values()
        pending = [v.value_id for v in s.value_rows(status=PENDING)]
    assert len(pending) >= 4
    page.goto(server.url)
    page.wait_for_selector("#values tr.cur")
    first = page.get_attribute("#values tr.cur", "data-value")
    for _ in range(4):  # typed ahead: each press decides the current value and moves on
        page.keyboard.press("a")
        page.wait_for_timeout(50)
    page.wait_for_selector('body[data-queued="0"]')
    page.wait_for_function("document.querySelectorAll('#values tr[data-status=\"queued\"]').length === 0")
    with CaseStore.open(case_dir) as s:
        decided = {v.value_id for v in s.value_rows() if v.decision and v.decided_by == "DC Tester"}
    assert len(decided) == 4 and first in decided
    current = page.get_attribute("#values tr.cur", "data-value")
    page.keyboard.press("c")
    page.wait_for_selector("#dlg[open]")
    page.keyboard.press("2")
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#values tr[data-value="{current}"][data-status="keep"]')
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the value's occurrences
    assert "/value/" in page.url
    assert page.errors == []


def test_a_conversation_is_one_page_and_keys_go_from_flag_to_flag_across_messages(page, tmp_path):
    from redactor.review.server import ReviewServer

    items = chat_case(tmp_path / "case")
    srv = ReviewServer(tmp_path / "case", "DC Thread", port=0)
    srv.start_background()
    try:
        page.goto(f"{srv.url}thread/{items[0].item_id}")
        page.wait_for_selector("#flags li.cur")
        assert page.locator("article.msg").count() == 30 and page.locator("#flags li").count() == 30
        page.keyboard.press("j")
        page.keyboard.press("j")
        third = _current(page)
        page.keyboard.press("a")
        page.keyboard.press("a")
        page.wait_for_selector('body[data-queued="0"]')
        page.wait_for_function("document.querySelectorAll('#flags li[data-status=\"redact\"]').length === 2")
        assert "/thread/" in page.url
    finally:
        srv.stop()
    with CaseStore.open(tmp_path / "case") as s:
        decided = {f.item_id for f in s.flags(status=REDACT)}
        assert decided == {items[2].item_id, items[3].item_id} and s.flag(third).item_id == items[2].item_id
    assert page.errors == []


def test_a_browser_that_never_answers_is_killed_and_the_next_page_gets_a_new_one(browser):
    """A hung close must not stall the suite: the watchdog kills Chromium, the next test relaunches it."""
    first = browser.get()
    context = first.new_context()
    pg = context.new_page()
    never = lambda: pg.evaluate("() => new Promise(() => {})")  # noqa: E731  # no timeout of its own, like close
    with pytest.warns(UserWarning, match="was killed"):
        assert close_or_kill(never, timeout=2) is False
    assert not first.is_connected()
    second = browser.get()
    assert second is not first and second.is_connected()
    assert close_or_kill(second.new_context().close) is True
