"""The review server: stdlib ``ThreadingHTTPServer`` on the loopback interface.

Routing is a fixed table; ids in paths must look like ids; static assets come from a
fixed list of names. Each request opens its own connection to the case database (WAL
mode), so two reviewers, or a reviewer and the CLI, work on the same case at once;
a stale decision is refused with 409 and a message, never overwritten.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from redactor import paths
from redactor.case import CaseStore
from redactor.case.actors import reviewer_name
from redactor.case.db import KeepOpen
from redactor.errors import ConflictError, RedactorError, UsageError
from redactor.logs import safe_exception
from redactor.pipeline import Pipeline, load_pipeline
from redactor.review import actions, conversation, images, itempage, pages, queries, valuepages, values
from redactor.review.security import HEADERS, Forbidden, Guard, Session, check_bind_host

log = logging.getLogger(__name__)

STATIC_DIR = paths.static_dir()  # package data, found with importlib.resources
STATIC = {"review.css": "text/css; charset=utf-8", "review.js": "text/javascript; charset=utf-8"}
MAX_BODY = 64 * 1024
ID = r"([0-9a-f]{1,64})"

POST_ROUTES: dict[str, tuple[type, Callable[..., dict[str, Any]]]] = {
    "/api/decide": (actions.DecideRequest, actions.decide),
    "/api/modify": (actions.ModifyRequest, actions.modify),
    "/api/manual": (actions.ManualRequest, actions.add_manual),
    "/api/bulk-value": (actions.BulkValueRequest, actions.bulk_value),
    "/api/bulk-type": (actions.BulkTypeRequest, actions.bulk_type),
    "/api/scope": (actions.ScopeRequest, actions.set_scope),
    "/api/value": (values.ValueRequest, values.decide_value),
    "/api/except": (values.ExceptRequest, values.except_occurrence),
}


class NotFound(Exception):
    pass


class ReviewServer(ThreadingHTTPServer):
    """Serves one case for one reviewer. ``port=0`` picks a free port; see :attr:`url`."""

    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, case_dir: Path, reviewer: str, *, port: int = 0, host: str = "127.0.0.1", pipeline: Pipeline | None = None) -> None:
        reviewer_name(reviewer, "a review")
        self.case_dir = Path(case_dir).resolve()
        CaseStore.open(self.case_dir).close()  # fail early on a folder that is not a case
        self.reviewer = reviewer.strip()
        self.pipeline = pipeline or load_pipeline(None)
        bind = check_bind_host(host)
        try:
            super().__init__((bind, port), Handler)
        except OSError as exc:
            raise UsageError(
                f"cannot listen on {bind}:{port} ({exc.strerror})", hint="choose another --port, or --port 0 for any free port"
            ) from None
        self.port = self.server_address[1]
        self.guard = Guard(self.port)
        self.url = f"http://127.0.0.1:{self.port}/"
        self._anchor = KeepOpen(self.case_dir / CaseStore.DB_NAME)  # requests' connections stay cheap
        with self.store() as store:
            store.log("review", "review.started", {"port": self.port}, actor=self.reviewer)

    def store(self) -> CaseStore:
        return CaseStore.open(self.case_dir, actor=self.reviewer)

    def start_background(self) -> threading.Thread:
        """Serve from a daemon thread (tests, embedding); stop with :meth:`stop`."""
        thread = threading.Thread(target=self.serve_forever, name=f"review-{self.port}", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._anchor.close()
        with self.store() as store:
            store.log("review", "review.stopped", {"port": self.port}, actor=self.reviewer)


class Handler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "redactor-review"
    sys_version = ""
    disable_nagle_algorithm = True  # headers and body go out at once: no 40 ms delayed-ACK stalls
    wbufsize = -1

    # -- plumbing --------------------------------------------------------------------------
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.debug("review %s", format % args)  # paths hold ids only, never case text

    def _send(self, status: int, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for key, value in {**HEADERS, **(extra or {})}.items():
            self.send_header(key, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, value: Any) -> None:
        self._send(status, json.dumps(value).encode(), "application/json")

    def _html(self, status: int, title: str, body: str, page: str, session: Session | None, extra: dict[str, object] | None = None) -> None:
        cookie = {}
        if session is None:  # sessions start with a page, the only place their token is handed out
            session = self.server.guard.new_session()
            cookie = {"Set-Cookie": self.server.guard.set_cookie(session)}
        text = pages.frame(
            title, body, csrf=session.csrf, reviewer=self.server.reviewer, case_name=self.server.case_dir.name, page=page, extra=extra
        )
        self._send(status, text.encode("utf-8"), "text/html; charset=utf-8", cookie)

    def _error(self, exc: BaseException) -> int:
        if isinstance(exc, Forbidden):
            return self._fail(HTTPStatus.FORBIDDEN, str(exc))
        if isinstance(exc, NotFound):
            return self._fail(HTTPStatus.NOT_FOUND, "not found")
        if isinstance(exc, ConflictError):
            return self._fail(HTTPStatus.CONFLICT, f"{exc.message}. Reload to see the other reviewer's decision; nothing was changed.")
        if isinstance(exc, RedactorError):
            status = HTTPStatus.NOT_FOUND if exc.message.startswith("no ") else HTTPStatus.BAD_REQUEST
            return self._fail(status, str(exc))
        log.error("review request failed: %s", safe_exception(exc))
        return self._fail(HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error ({type(exc).__name__}); details are in the case log")

    def _fail(self, status: int, message: str) -> int:
        if self.command == "POST" or self.path.startswith("/api/"):
            self._json(status, {"error": message})
        else:
            self._send(status, f"<!doctype html><title>{status}</title><p>{pages.h(message)}</p>".encode(), "text/html; charset=utf-8")
        return status

    # -- GET -------------------------------------------------------------------------------
    def do_HEAD(self) -> None:  # noqa: N802
        self.do_GET()

    def do_GET(self) -> None:  # noqa: N802
        try:
            self.server.guard.check_host(self.headers)
            path = urlsplit(self.path).path
            self._route_get(path, self.server.guard.session(self.headers.get("Cookie")))
        except Exception as exc:  # noqa: BLE001 - every failure becomes an HTTP answer
            self._error(exc)

    def _route_get(self, path: str, session: Session | None) -> None:
        if path.startswith("/static/"):
            return self._static(path[len("/static/") :])
        if path == "/":
            with self.server.store() as store:
                body = valuepages.values_page(values.values_view(store))
            return self._html(200, "people and identifiers", body, "values", session)
        if m := re.fullmatch(r"/value/(V\d{1,9})", path):
            with self.server.store() as store:
                body = valuepages.value_page(values.value_view(store, m.group(1)))
            return self._html(200, m.group(1), body, "value", session)
        if path == "/overview":
            with self.server.store() as store:
                body = pages.overview_page(queries.overview(store), top=valuepages.inconsistent_section(store.inconsistent_values()))
            return self._html(200, "overview", body, "overview", session)
        if path == "/favicon.ico":
            return self._send(204, b"", "image/x-icon")
        if path == "/next":
            with self.server.store() as store:
                target = queries.next_pending_item(store)
            return self._send(303, b"", "text/plain", {"Location": f"/item/{target}" if target else "/"})
        if m := re.fullmatch(rf"/item/{ID}", path):
            return self._item(m.group(1), session)
        if m := re.fullmatch(rf"/thread/{ID}", path):
            with self.server.store() as store:
                cv = conversation.conversation_view(store, m.group(1))
            body = conversation.conversation_body(cv)
            return self._html(200, f"conversation {cv.title}", body, "item", session, conversation.conversation_extra(cv))
        if m := re.fullmatch(rf"/item/{ID}/page/(\d{{1,5}})\.png", path):
            return self._page_image(m.group(1), int(m.group(2)))
        if m := re.fullmatch(rf"/item/{ID}/preview", path):
            return self._preview(m.group(1), session)
        if m := re.fullmatch(rf"/item/{ID}/preview/(\d{{1,5}})\.png", path):
            return self._preview_image(m.group(1), int(m.group(2)))
        raise NotFound

    def _static(self, name: str) -> None:
        if name not in STATIC:  # a fixed list: no path from the request ever reaches the file system
            raise NotFound
        self._send(200, (STATIC_DIR / name).read_bytes(), STATIC[name])

    def _item(self, item_id: str, session: Session | None) -> None:
        with self.server.store() as store:
            view = queries.item_view(store, item_id)
            view = replace(view, page_boxes=images.page_boxes(store, view.item, view.ref, view.source_media_type))
        body = itempage.item_page_body(view)
        self._html(200, f"{view.ref} {view.item.title}", body, "item", session, itempage.item_extra(view))

    def _page_image(self, item_id: str, page: int) -> None:
        with self.server.store() as store:
            item = store.item(item_id)
            source = store.find_source(item.source_id)
            media = source.media_type if source else ""
            if not images.has_page_images(item, media):
                raise NotFound
            png = images.page_png(store, item, store.item_refs([item_id]).get(item_id, item_id), page, media)
        self._send(200, png, "image/png")

    def _preview_pages(self, store: CaseStore, item_id: str) -> tuple[Any, str, list[bytes], str, str]:
        store.apply_values()  # a preview shows every value decision applied, never half of one
        item = store.item(item_id)
        ref = store.item_refs([item_id]).get(item_id, item_id)
        scope = store.item_scope(item_id)
        if scope != "in":
            return item, ref, [], scope, ""
        try:
            return item, ref, list(images.preview_pngs(store, self.server.pipeline, item, ref)), scope, ""
        except RedactorError as exc:
            return item, ref, [], scope, str(exc)

    def _preview(self, item_id: str, session: Session | None) -> None:
        with self.server.store() as store:
            item, ref, pngs, scope, problem = self._preview_pages(store, item_id)
        body = pages.preview_page(item_id, ref, item.title, len(pngs), scope, problem)
        self._html(200, f"{ref} preview", body, "preview", session, {"item": item_id})

    def _preview_image(self, item_id: str, page: int) -> None:
        with self.server.store() as store:
            _, _, pngs, _, _ = self._preview_pages(store, item_id)
        if not 1 <= page <= len(pngs):
            raise NotFound
        self._send(200, pngs[page - 1], "image/png")

    # -- POST ------------------------------------------------------------------------------
    def do_POST(self) -> None:  # noqa: N802
        try:
            self.server.guard.check_host(self.headers)
            session = self.server.guard.check_write(self.headers)
            body = self._body()
            self._json(200, self._route_post(urlsplit(self.path).path, body, session))
        except Exception as exc:  # noqa: BLE001
            self._error(exc)
            return
        if urlsplit(self.path).path in ("/api/value", "/api/undo"):
            self._complete_values()

    def _complete_values(self) -> None:
        """After the answer is out: finish applying value decisions (chunk by chunk; see ``case.value_apply``)."""
        try:
            self.wfile.flush()
            with self.server.store() as store:
                if store.applying_values():
                    store.apply_values()
        except Exception as exc:  # noqa: BLE001 - the next sync or bundle completes it
            log.error("applying a value decision failed: %s", safe_exception(exc))

    def _body(self) -> Any:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            raise UsageError("bad Content-Length") from None
        if not 0 <= length <= MAX_BODY:
            raise UsageError("request too large")
        try:
            return json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            raise UsageError("the request body is not JSON") from None

    def _route_post(self, path: str, body: Any, session: Session) -> dict[str, Any]:
        reviewer = self.server.reviewer
        with self.server.store() as store:
            if path in POST_ROUTES:
                model, action = POST_ROUTES[path]
                result = action(store, reviewer, actions.parse(model, body))
            elif path == "/api/revert":
                req = actions.parse(actions.RevertRequest, body)
                result = actions.revert(store, reviewer, req.flag_id, req.version)
            elif path == "/api/undo":
                if not session.undo:
                    raise UsageError("nothing to undo in this session")
                return actions.undo(store, reviewer, session.undo.pop())  # a refused undo is dropped: it cannot apply later
            else:
                raise NotFound
        entry = result.pop("undo", None)
        if entry and (entry.get("flags") or entry.get("items") or entry.get("kind") == "value"):
            session.undo.append(entry)
        return result
