"""Moved to :mod:`redactor.case`; this name stays while other branches still import it."""

from redactor.case.store import CaseStore, new_item_id

__all__ = ["CaseStore", "new_item_id"]
