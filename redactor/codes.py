"""Reason codes printed on every redaction box and explained in the schedule.

No national list exists; these follow ``shared/domain.md``. Each code maps to a
short meaning and the legal basis the schedule cites.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReasonCode:
    code: str
    meaning: str
    basis: str


_DPA = "DPA 2018 Part 3 (s.35-37): adequate, relevant, not excessive"

REASON_CODES: dict[str, ReasonCode] = {
    c.code: c
    for c in (
        ReasonCode("VW", "victim/witness identifying or contact details", _DPA),
        ReasonCode("TP", "third-party personal data not relevant to the case", _DPA),
        ReasonCode(
            "SC",
            "special category / sensitive processing (health, sexual life, ethnicity, religion)",
            "DPA 2018 s.35(8) sensitive processing; YJCEA 1999 s.41 where sexual history",
        ),
        ReasonCode("FIN", "financial identifiers", _DPA),
        ReasonCode("GID", "government identifiers", _DPA),
        ReasonCode("LOC", "location data", _DPA),
        ReasonCode("DEV", "device and account identifiers", _DPA),
        ReasonCode("CTX", "contextual / indirect identifier (could lead to a person or place)", _DPA),
        ReasonCode(
            "IRR",
            "outside the agreed scope (date range, contacts, terms): not relevant",
            "CPIA 1996 s.3; R v Bater-James [2020] EWCA Crim 790",
        ),
        ReasonCode("SEN", "sensitive under CPIA: routed to the sensitive schedule (MG6D)", "CPIA 1996 Code of Practice para 6.14"),
        ReasonCode("LPP", "legal professional privilege", "CPIA 1996 s.3(6); common law privilege"),
    )
}


def describe(code: str) -> str:
    rc = REASON_CODES.get(code)
    return rc.meaning if rc else "unknown reason code"


def is_valid(code: str) -> bool:
    return code in REASON_CODES
