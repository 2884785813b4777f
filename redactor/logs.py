"""Diagnostics that never carry document text or detected values.

Exception messages can quote data (a KeyError names its key), so internal errors are
logged as the exception type and the stack frames only.
"""

from __future__ import annotations

import traceback


def safe_exception(exc: BaseException) -> str:
    frames = "".join(traceback.format_tb(exc.__traceback__))
    return f"{type(exc).__name__} (message withheld: it may quote case data)\n{frames}"
