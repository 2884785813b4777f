"""The case: the only package that speaks SQL to a case database (``case.db``).

``schema.py`` holds the schema and its numbered migrations; one module per concern (sources,
items, people, flags and decisions, scope, quarantine) and ``reads.py``, the read side for the
review app and exports. :class:`CaseStore` joins them.
"""

from redactor.case.schema import SCHEMA_VERSION
from redactor.case.store import CaseStore

__all__ = ["SCHEMA_VERSION", "CaseStore"]
