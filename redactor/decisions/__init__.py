"""Human decisions in and out: what accepting or rejecting a flag means (``imports.outcome``), flags
as spreadsheet rows for export (``rows``) and decisions imported back from them (``imports``).

The automatic proposal (the ``decide.policy`` stage) lives in :mod:`redactor.decide`.
"""
