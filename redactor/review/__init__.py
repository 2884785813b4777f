"""Review: a local web app where disclosure officers clear flags and justify every decision.

``redactor review CASE --reviewer NAME`` serves the case on 127.0.0.1 only. Modules:

- ``server``: the HTTP server and request routing (stdlib ``http.server``).
- ``security``: loopback binding, Host/Origin checks, per-session CSRF tokens, response headers.
- ``queries``: the read side (overview, item with its thread, flags with their explanations).
- ``actions``: the write side (accept, reject, change, add, bulk, scope, undo), all through the store.
- ``pages``: HTML pages; every piece of case text is escaped.
- ``images``: source page images and the redacted preview.

Every request opens its own connection to the case database; nothing is cached between
requests except rendered images keyed by content. Assets are served from
``redactor/review/static`` only, by name from a fixed list.
"""
