"""Fixtures for the review app: a small synthetic case built once by 'redactor run', copied per test.

Invented people and Ofcom drama numbers only. One note holds a ``<script>`` element, for the XSS
tests; one statement names a person in a sentence the detector does not flag, for bulk decisions.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import threading
import urllib.error
import urllib.request
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import psutil
import pytest

from redactor.case import CaseStore
from redactor.review.server import ReviewServer
from tests.factories import review_every_value_pipeline

STATEMENT = """WITNESS STATEMENT

I, Jane Doe, live at 12 Acacia Avenue, Leeds LS1 4AB. My mobile number is 07700 900123
and my email is jane.doe@example.com.

On Friday I met Mark Brown at the station. Mark Brown asked for Jane Doe's number.
Later Jane Doe called 07700 900456 from the phone box. Emoji \U0001f600 then Peter Green again.
"""

NOTE = """Officer note: the message read <script>alert('xss')</script> and was sent by Mark Brown.
Contact Peter Green on 07700 900789.
"""

XSS = "<script>alert('xss')</script>"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def case_template(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from redactor.cli import main

    root = tmp_path_factory.mktemp("review-case")
    src = root / "src"
    src.mkdir()
    (src / "statement.txt").write_text(STATEMENT, encoding="utf-8")
    (src / "note.txt").write_text(NOTE, encoding="utf-8")
    shutil.copyfile(REPO / "examples" / "demo-case" / "incident-report.pdf", src / "incident-report.pdf")  # synthetic
    # every value waits for a reviewer (the default pipeline decides structured identifiers by policy)
    pipeline = review_every_value_pipeline(root)
    result = CliRunner().invoke(main, ["run", str(src), "--case", str(root / "case"), "--pipeline", str(pipeline)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "case"


@pytest.fixture
def case_dir(case_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "case"
    shutil.copytree(case_template, target)
    return target


@pytest.fixture
def store(case_dir: Path) -> Iterator[CaseStore]:
    with CaseStore.open(case_dir, actor="test") as s:
        yield s


@pytest.fixture
def server(case_dir: Path) -> Iterator[ReviewServer]:
    srv = ReviewServer(case_dir, "DC Tester", port=0)
    srv.start_background()
    try:
        yield srv
    finally:
        srv.stop()


def item_by_title(store: CaseStore, title: str):
    return next(i for i in store.items() if i.title == title)


def flag_with_text(store: CaseStore, text: str, title: str | None = None):
    """The first flag whose covered text is ``text`` (in the item titled ``title``)."""
    for item in store.items():
        if title and item.title != title:
            continue
        segs = {s.segment_id: s.text for s in item.segments}
        for flag in store.flags(item_id=item.item_id):
            if segs[flag.segment_id][flag.start : flag.end] == text:
                return flag
    raise LookupError(text)


class Client:
    """A minimal HTTP client that keeps the session cookie, like a browser tab."""

    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.cookie = ""
        self.csrf = ""

    def request(self, method: str, path: str, body: object | None = None, headers: dict[str, str] | None = None):
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        req = urllib.request.Request(self.url + path, data=data, method=method)
        if self.cookie:
            req.add_header("Cookie", self.cookie)
        if body is not None and not isinstance(body, bytes):
            req.add_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            req.add_header(key, value)
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:
                status, raw, hdrs = resp.status, resp.read(), resp.headers
        except urllib.error.HTTPError as exc:
            status, raw, hdrs = exc.code, exc.read(), exc.headers
        if hdrs.get("Set-Cookie"):
            self.cookie = hdrs["Set-Cookie"].split(";")[0]
        return status, raw, hdrs

    def open_page(self, path: str = "/") -> str:
        status, raw, _ = self.request("GET", path)
        assert status == 200, raw[:200]
        text = raw.decode()
        marker = 'name="csrf-token" content="'
        self.csrf = text.split(marker, 1)[1].split('"', 1)[0]
        return text

    def post(self, path: str, body: object, headers: dict[str, str] | None = None):
        return self.request("POST", path, body, {"X-CSRF-Token": self.csrf, **(headers or {})})


@pytest.fixture
def client(server: ReviewServer) -> Client:
    c = Client(server.url)
    c.open_page("/")
    return c


def person_flag(seg, start, end):
    """A pending third-party PERSON flag proposed for redaction, as the detector would write it."""
    from redactor.records import Flag

    return Flag(
        Flag.make_id(seg.segment_id, start, end, "PERSON"), seg.item_id, seg.segment_id, start, end, "PERSON", 0.9, "t", {}, "TP", "redact"
    )


def chat_case(root, messages=30):
    """One conversation of ``messages`` messages, each with one flag."""
    from redactor.records import Item, Segment

    store = CaseStore.create(root)
    sid = "f" * 64
    store.add_source(sid, "chat.txt", "chat.txt", 1, "text/plain")
    items, flags = [], []
    for n in range(messages):
        iid = f"{n:016x}"
        text = f"message {n}: ring Jo Example later"
        seg = Segment(f"{iid}.0", iid, 0, "text", text)
        items.append(
            Item(iid, sid, f"line {n}", "message", "chat", (seg,), {"thread": {"key": "k1", "app": "WhatsApp"}, "sender": {"name": "A"}})
        )
        start = text.index("Jo Example")
        flags.append(person_flag(seg, start, start + 10))
    store.save_items(sid, items)
    store.save_flags(sid, flags)
    store.close()
    return items


# -- the browser tests: Debian's Chromium, headless, driven by Playwright ---------------------
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


# Chromium now and then never answers Playwright's "close" (Target.disposeBrowserContext), and the call
# has no timeout of its own: one such hang cost a whole CI run. A close that takes longer than this
# kills the browser's processes, which ends the call; the next test launches a fresh browser.
CLOSE_TIMEOUT_S = 30


def _kill_chromium() -> None:
    for proc in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "chrom" in proc.name().lower():
                proc.kill()


def close_or_kill(close: Callable[[], None], timeout: float = CLOSE_TIMEOUT_S) -> bool:
    """Call a Playwright ``close``; if Chromium does not answer within ``timeout``, kill it.

    Returns True when the close finished on its own, False when the browser had to be killed.
    """
    killed = threading.Event()

    def kill() -> None:
        killed.set()
        _kill_chromium()

    timer = threading.Timer(timeout, kill)
    timer.daemon = True
    timer.start()
    try:
        close()
    except Exception:  # a killed browser fails the pending call: that is the point
        if not killed.is_set():
            raise
    finally:
        timer.cancel()
    if killed.is_set():
        warnings.warn(f"Chromium did not answer within {timeout:g} s and was killed", stacklevel=2)
    return not killed.is_set()


class Browsers:
    """One Chromium per test module, launched again if an earlier close had to kill it."""

    def __init__(self, playwright, executable: str) -> None:
        self._playwright = playwright
        self._executable = executable
        self._browser = None

    def get(self):
        if self._browser is None or not self._browser.is_connected():
            self._browser = self._playwright.chromium.launch(executable_path=self._executable, headless=True, args=ARGS)
        return self._browser

    def close(self) -> None:
        if self._browser is not None and self._browser.is_connected():
            close_or_kill(self._browser.close)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browsers]:
    playwright_api = pytest.importorskip("playwright.sync_api")
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("chromium is not installed (make test installs it: the Debian package chromium)")
    with playwright_api.sync_playwright() as p:
        browsers = Browsers(p, executable)
        yield browsers
        browsers.close()


@pytest.fixture
def page(browser: Browsers):
    context = browser.get().new_context(viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.set_default_timeout(15000)
    yield pg
    close_or_kill(context.close)
