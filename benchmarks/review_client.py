"""A logged-in HTTP client for a running review server (its session cookie and CSRF token), for benchmarks."""

from __future__ import annotations

import json
import urllib.request


class ReviewClient:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")
        self.opener = urllib.request.build_opener()
        first = self.opener.open(url)
        self.cookie = first.headers["Set-Cookie"].split(";")[0]
        self.csrf = first.read().decode().split('name="csrf-token" content="')[1].split('"')[0]

    def get(self, path: str) -> bytes:
        return self.opener.open(urllib.request.Request(self.url + path, headers={"Cookie": self.cookie})).read()

    def post(self, path: str, payload: dict) -> dict:
        req = urllib.request.Request(
            self.url + path,
            data=json.dumps(payload).encode(),
            method="POST",
            headers={"Cookie": self.cookie, "X-CSRF-Token": self.csrf, "Content-Type": "application/json"},
        )
        return json.loads(self.opener.open(req).read())
