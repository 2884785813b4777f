"""What keeps the review server safe on a shared machine.

- It binds to the loopback interface only; any other host is refused.
- Every request must name the server itself in ``Host`` (defeats DNS rebinding).
- A state-changing request needs the session cookie, the session's CSRF token in the
  ``X-CSRF-Token`` header, a JSON body, and (when the browser sends them) an ``Origin``
  of this server and ``Sec-Fetch-Site: same-origin``. A cross-site form or fetch has
  none of these.
- Every response carries a strict Content-Security-Policy (scripts and styles from this
  server only, no inline script), ``nosniff``, no referrer, no framing and ``no-store``,
  so case material is not kept in the browser's disk cache.
"""

from __future__ import annotations

import hmac
import secrets
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field

from redactor.errors import UsageError

LOOPBACK = ("127.0.0.1", "::1", "localhost")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
)

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def check_bind_host(host: str) -> str:
    """The only hosts the server may listen on."""
    if host not in LOOPBACK:
        raise UsageError(
            f"the review server listens on the loopback interface only, not {host!r}",
            hint="reviewers open it on this machine; nothing is served to the network",
        )
    return "127.0.0.1" if host == "localhost" else host


class Forbidden(Exception):
    """A request that fails a security check; answered 403 without detail beyond the reason."""


@dataclass
class Session:
    session_id: str
    csrf: str
    undo: list[dict] = field(default_factory=list)  # entries written by actions, newest last


class Guard:
    """Host/Origin checks and the session table of one server."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookie = f"redactor_review_{port}"  # cookies ignore ports: one name per server
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
        self.origins = {f"http://{h}" for h in self.hosts}
        self._sessions: dict[str, Session] = {}
        self._lock = threading.Lock()

    # -- sessions --------------------------------------------------------------------------
    def session(self, cookie_header: str | None) -> Session | None:
        sid = _cookie_value(cookie_header, self.cookie)
        if sid is None:
            return None
        with self._lock:
            return self._sessions.get(sid)

    MAX_SESSIONS = 256  # tabs and reloads of one reviewer; the oldest is forgotten first

    def new_session(self) -> Session:
        session = Session(secrets.token_urlsafe(32), secrets.token_urlsafe(32))
        with self._lock:
            self._sessions[session.session_id] = session
            while len(self._sessions) > self.MAX_SESSIONS:
                del self._sessions[next(iter(self._sessions))]
        return session

    def set_cookie(self, session: Session) -> str:
        return f"{self.cookie}={session.session_id}; Path=/; HttpOnly; SameSite=Strict"

    # -- checks ----------------------------------------------------------------------------
    def check_host(self, headers: Mapping[str, str]) -> None:
        if headers.get("Host", "") not in self.hosts:
            raise Forbidden("unknown Host: open the address printed by 'redactor review'")

    def check_write(self, headers: Mapping[str, str]) -> Session:
        """A state-changing request: same origin, JSON, valid session and CSRF token."""
        origin = headers.get("Origin")
        if origin is not None and origin not in self.origins:
            raise Forbidden("cross-origin request refused")
        site = headers.get("Sec-Fetch-Site")
        if site is not None and site not in ("same-origin", "none"):
            raise Forbidden("cross-site request refused")
        if not (headers.get("Content-Type") or "").startswith("application/json"):
            raise Forbidden("state-changing requests must send JSON")
        session = self.session(headers.get("Cookie"))
        if session is None:
            raise Forbidden("no review session: reload the page")
        token = headers.get("X-CSRF-Token") or ""
        if not hmac.compare_digest(token.encode(), session.csrf.encode()):
            raise Forbidden("missing or wrong CSRF token: reload the page")
        return session


def _cookie_value(header: str | None, name: str) -> str | None:
    for part in (header or "").split(";"):
        key, _, value = part.strip().partition("=")
        if key == name and value:
            return value
    return None
