"""The review server over HTTP: security checks, pages, and decisions through the API."""

from __future__ import annotations

import html
import json

import pytest

from redactor.audit.log import iter_events
from redactor.case import CaseStore
from redactor.errors import UsageError
from redactor.records import PENDING, REDACT
from redactor.review.security import CSP
from redactor.review.server import ReviewServer

from .conftest import XSS, Client, flag_with_text, item_by_title


def _status_of(case_dir, flag_id):
    with CaseStore.open(case_dir) as s:
        return s.flag(flag_id).status


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_it_refuses_to_listen_beyond_loopback(case_dir, host):
    with pytest.raises(UsageError, match="loopback"):
        ReviewServer(case_dir, "DC Tester", port=0, host=host)


def test_it_refuses_a_folder_that_is_not_a_case(tmp_path):
    with pytest.raises(Exception, match="not a redactor case"):
        ReviewServer(tmp_path, "DC Tester", port=0)


def test_every_response_carries_the_security_headers(client):
    status, _, headers = client.request("GET", "/")
    assert status == 200
    assert headers["Content-Security-Policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP
    assert (headers["X-Content-Type-Options"], headers["Cache-Control"]) == ("nosniff", "no-store")


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1:1", "localhost.evil.example"])
def test_a_foreign_host_header_is_refused(client, host):
    status, _, _ = client.request("GET", "/", headers={"Host": host})
    assert status == 403


@pytest.mark.parametrize(
    "path",
    [
        "/static/../case.db",
        "/static/%2e%2e/case.db",
        "/static/..%2fcase.db",
        "/static/server.py",
        "/item/..%2f..%2fetc/page/1.png",
        "/case.db",
        "/audit.jsonl",
        "/item/zzz",
        "/static/",
        "/etc/passwd",
    ],
)
def test_no_request_path_reads_files(client, path):
    status, raw, _ = client.request("GET", path)
    assert status == 404
    assert b"SQLite" not in raw and b"import" not in raw


@pytest.mark.parametrize(
    ("headers", "token"),
    [
        ({}, ""),  # no token
        ({}, "forged"),  # wrong token
        ({"Origin": "http://evil.example"}, None),  # right token, foreign origin
        ({"Sec-Fetch-Site": "cross-site"}, None),
        ({"Content-Type": "application/x-www-form-urlencoded"}, None),  # a plain HTML form
    ],
)
def test_state_changes_need_token_origin_and_json(client, case_dir, headers, token):
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "07700 900789")
    send = {"X-CSRF-Token": client.csrf if token is None else token, **headers}
    body = json.dumps({"flag_id": flag.flag_id, "action": "accept", "version": flag.version}).encode()
    if "Content-Type" not in headers:
        send["Content-Type"] = "application/json"
    status, raw, _ = client.request("POST", "/api/decide", body, send)
    assert status == 403, raw
    assert _status_of(case_dir, flag.flag_id) == PENDING


def test_a_token_belongs_to_its_session(server, case_dir):
    alice, mallory = Client(server.url), Client(server.url)
    alice.open_page("/")
    mallory.open_page("/")
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "07700 900789")
    mallory.csrf = alice.csrf  # a token leaked from another session is useless
    status, _, _ = mallory.post("/api/decide", {"flag_id": flag.flag_id, "action": "accept", "version": flag.version})
    assert status == 403 and _status_of(case_dir, flag.flag_id) == PENDING


def test_case_text_is_escaped(client, case_dir):
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "note.txt")
    page = client.open_page(f"/item/{item.item_id}")
    assert XSS not in page
    assert html.escape(XSS, quote=True) in page


def test_decide_over_http_records_reviewer_and_audit(client, case_dir):
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "07700 900789")
    status, raw, _ = client.post("/api/decide", {"flag_id": flag.flag_id, "action": "accept", "version": flag.version})
    assert status == 200, raw
    with CaseStore.open(case_dir) as s:
        assert s.flag(flag.flag_id).status == REDACT
        decision = s.decisions(flag.flag_id)[-1]
        events = [e for e in iter_events(s.audit.path) if e.event == "flag.accept"]
        s.verify_audit()
    assert decision.reviewer == "DC Tester" and events[-1].actor == "DC Tester"
    assert events[-1].payload["flag_id"] == flag.flag_id
    assert "07700" not in json.dumps(events[-1].payload)


def test_a_second_reviewer_sees_decisions_and_stale_edits_are_refused(server, case_dir):
    other = ReviewServer(case_dir, "DC Second", port=0)
    other.start_background()
    try:
        first, second = Client(server.url), Client(other.url)
        with CaseStore.open(case_dir) as s:
            flag = flag_with_text(s, "07700 900789")
            item_id = flag.item_id
        first.open_page(f"/item/{item_id}")
        second.open_page(f"/item/{item_id}")
        assert first.post("/api/decide", {"flag_id": flag.flag_id, "action": "accept", "version": flag.version})[0] == 200
        status, raw, _ = second.post("/api/decide", {"flag_id": flag.flag_id, "action": "reject", "version": flag.version, "reason": "x"})
        assert status == 409 and "someone else" in json.loads(raw)["error"]
        page = second.open_page(f"/item/{item_id}")  # reload shows the first reviewer's decision
        assert "DC Tester" in page and f'data-flag="{flag.flag_id}" data-version="{flag.version + 1}" data-status="redact"' in page
    finally:
        other.stop()
    assert _status_of(case_dir, flag.flag_id) == REDACT


def test_undo_is_per_session_and_appends_history(client, case_dir):
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "07700 900789")
    client.post("/api/decide", {"flag_id": flag.flag_id, "action": "accept", "version": flag.version})
    status, raw, _ = client.post("/api/undo", {})
    assert status == 200 and json.loads(raw)["changed"] == 1
    assert client.post("/api/undo", {})[0] == 400  # nothing left to undo
    with CaseStore.open(case_dir) as s:
        assert s.flag(flag.flag_id).status == PENDING
        assert [d.action for d in s.decisions(flag.flag_id)] == ["accept", "undo"]


@pytest.mark.parametrize(
    ("path", "body", "status"),
    [
        ("/api/decide", {"flag_id": "0" * 16, "action": "accept", "version": 1}, 404),
        ("/api/decide", {"flag_id": "x", "action": "explode", "version": 1}, 400),
        ("/api/manual", {"segment_id": "x", "start": 0, "end": 1, "code": "NOPE"}, 400),
        ("/api/nothing", {}, 404),
    ],
)
def test_bad_requests_get_a_clear_answer(client, path, body, status):
    got, raw, _ = client.post(path, body)
    assert got == status and json.loads(raw)["error"]


def test_overview_and_preview_pages(client, case_dir):
    page = client.open_page("/overview")
    assert "statement.txt" in page and "flags decided" in page
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "statement.txt")
    preview = client.open_page(f"/item/{item.item_id}/preview")
    assert f"/item/{item.item_id}/preview/1.png" in preview
    status, png, headers = client.request("GET", f"/item/{item.item_id}/preview/1.png")
    assert status == 200 and png.startswith(b"\x89PNG") and headers["Content-Type"] == "image/png"
    assert client.request("GET", f"/item/{item.item_id}/preview/99.png")[0] == 404


def test_next_goes_to_an_item_with_pending_flags(server, case_dir):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", "/next")
    location = conn.getresponse().getheader("Location")
    conn.close()
    item_id = location.rsplit("/", 1)[1]
    with CaseStore.open(case_dir) as s:
        assert any(f.status == PENDING for f in s.flags(item_id=item_id))


def test_scope_change_is_recorded_with_its_reason_and_shown(client, case_dir):
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "note.txt")
    client.open_page(f"/item/{item.item_id}")
    status, raw, _ = client.post("/api/scope", {"item_id": item.item_id, "scope": "sensitive", "reason": "informant <b>details</b>"})
    assert status == 200, raw
    page = client.open_page(f"/item/{item.item_id}")
    assert "informant &lt;b&gt;details&lt;/b&gt;" in page and "sensitive (SEN)" in page
    with CaseStore.open(case_dir) as s:
        assert s.item_scope(item.item_id) == "sensitive"
        assert [e.payload["after"] for e in s.audit.events() if e.event == "item.scope"] == ["sensitive"]


def test_document_pages_are_shown_with_flag_boxes(client, case_dir):
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "incident-report.pdf")
        n_flags = len(s.flags(item_id=item.item_id))
    page = client.open_page(f"/item/{item.item_id}")
    assert f"/item/{item.item_id}/page/1.png" in page
    assert page.count('class="box ') >= n_flags > 0
    status, png, _ = client.request("GET", f"/item/{item.item_id}/page/1.png")
    assert status == 200 and png.startswith(b"\x89PNG")
    assert client.request("GET", f"/item/{item.item_id}/page/99.png")[0] == 400


def test_a_changed_original_is_not_shown(client, case_dir, tmp_path):
    with CaseStore.open(case_dir) as s:
        item = item_by_title(s, "incident-report.pdf")
        source = s.find_source(item.source_id)
        tampered = tmp_path / "tampered.pdf"
        tampered.write_bytes(open(source.path, "rb").read() + b"\n% changed\n")
        s.conn.execute("UPDATE sources SET path = ? WHERE source_id = ?", (str(tampered), source.source_id))
    status, raw, _ = client.request("GET", f"/item/{item.item_id}/page/2.png")
    assert status == 400 and b"has changed since it was ingested" in raw


def test_diagnostics_never_carry_case_text(client, case_dir, caplog):
    caplog.set_level("DEBUG", logger="redactor")
    with CaseStore.open(case_dir) as s:
        flag = flag_with_text(s, "07700 900789")
        note = item_by_title(s, "note.txt")
    client.open_page(f"/item/{note.item_id}")
    client.post(
        "/api/decide", {"flag_id": flag.flag_id, "action": "reject", "version": flag.version, "reason": "Peter Green is an officer"}
    )
    client.post("/api/decide", {"flag_id": flag.flag_id, "action": "reject", "version": flag.version})  # stale: 409
    client.post("/api/manual", {"segment_id": note.segments[0].segment_id, "start": 0, "end": 7, "code": "TP"})
    assert any("/api/decide" in r.getMessage() for r in caplog.records)  # requests are logged, by id
    text = caplog.text + open(case_dir / "audit.jsonl", encoding="utf-8").read()
    for secret in ("07700", "Peter Green", "Officer", "alert("):
        assert secret not in text


def test_a_reviewed_case_bundles_and_verifies(client, case_dir, cli, tmp_path):
    with CaseStore.open(case_dir) as s:
        note = item_by_title(s, "note.txt")
        entities = {f.entity for f in s.flags()}
        seg = note.segments[0]
    for entity in sorted(entities):
        assert client.post("/api/bulk-type", {"entity": entity, "min_score": 0.0})[0] == 200
    start = seg.text.index("Officer")
    assert client.post("/api/manual", {"segment_id": seg.segment_id, "start": start, "end": start + 7, "code": "CTX"})[0] == 200
    assert client.post("/api/scope", {"item_id": note.item_id, "scope": "out", "reason": "not relevant"})[0] == 200
    result = cli("bundle", case_dir, "--out", tmp_path / "bundle")
    assert result.exit_code == 0, result.output
    assert cli("verify", tmp_path / "bundle").exit_code == 0
    assert cli("audit", "verify", case_dir).exit_code == 0
    index = (tmp_path / "bundle" / "index.csv").read_text(encoding="utf-8")
    assert "withheld" in index


@pytest.mark.slow
def test_a_scanned_image_is_shown_upright_with_its_boxes(tmp_path, cli):
    import io

    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("RGB", (1240, 500), "white")
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 36)
    ImageDraw.Draw(image).text((60, 80), "call Priya Raman on 07700 900321", fill="black", font=font)
    image.save(tmp_path / "scan.png", dpi=(150, 150))
    assert cli("run", tmp_path / "scan.png", "--case", tmp_path / "case").exit_code == 0
    server = ReviewServer(tmp_path / "case", "DC Tester", port=0)
    server.start_background()
    try:
        client = Client(server.url)
        with CaseStore.open(tmp_path / "case") as s:
            item = s.items()[0]
            width, height = item.segments[0].page_size
        page = client.open_page(f"/item/{item.item_id}")
        assert "pages read by OCR: 1" in page and 'class="box ' in page
        status, png, _ = client.request("GET", f"/item/{item.item_id}/page/1.png")
        shown = Image.open(io.BytesIO(png))
        assert status == 200 and abs(shown.width / shown.height - width / height) < 0.01
    finally:
        server.stop()


def test_sessions_start_only_with_a_page(server):
    c = Client(server.url)
    for path in ("/static/review.css", "/favicon.ico", "/item/zzz"):
        c.request("GET", path)
        assert c.cookie == ""
    c.open_page("/")
    assert c.cookie.startswith(f"redactor_review_{server.port}=")
