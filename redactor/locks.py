"""Locks shared across packages.

pdfium is not thread-safe: every pdfium call made while other threads may call it (OCR
workers, review-server requests, rendering) holds :data:`PDFIUM_LOCK`.
"""

from __future__ import annotations

import threading

PDFIUM_LOCK = threading.RLock()
