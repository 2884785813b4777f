"""Who acts on a case: reviewers by name, and the tool's own actors, whose names no reviewer may take.

The scope history and the value decisions tell the policy's work from a person's by the actor's
name, so a reviewer called "policy" would pass for the policy (and the policy would then undo
their work). Every entry point that records a reviewer's name checks it here.
"""

from __future__ import annotations

from redactor.errors import UsageError

POLICY = "policy"  # the policy's scope changes and value decisions
SYSTEM = "system"  # the runner's own audit entries
RESERVED = frozenset({POLICY, SYSTEM})


def reviewer_name(name: str, what: str = "a decision") -> str:
    """The reviewer's name, stripped; refused when empty or one of the tool's own actors."""
    clean = (name or "").strip()
    if not clean:
        raise UsageError(f"{what} needs a reviewer name", hint="pass --reviewer NAME")
    if clean.lower() in RESERVED:
        raise UsageError(
            f"{clean!r} is the name of one of the tool's own actors, not a reviewer's", hint="pass your own name with --reviewer"
        )
    return clean
