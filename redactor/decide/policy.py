"""The ``decide.policy`` stage: propose an action and a reason code for each finding.

The policy lives in the pipeline YAML: which reason code each entity type gets, and
which entity types go to review rather than straight to a proposed redaction.
Proposals are only proposals: a flag stays ``pending`` until a reviewer (or
``redactor decide --accept-all``) decides it.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict, Field, field_validator

from redactor import codes
from redactor.records import REDACT, Finding, Flag, Item
from redactor.stages import StageContext, register

DEFAULT_CODES = {
    "PERSON": "TP",
    "PHONE_NUMBER": "TP",
    "EMAIL_ADDRESS": "TP",
    "UK_POSTCODE": "LOC",
    "LOCATION": "LOC",
    "UK_NINO": "GID",
    "UK_NHS": "GID",
    "CREDIT_CARD": "FIN",
    "IBAN_CODE": "FIN",
    "IP_ADDRESS": "DEV",
    "URL": "CTX",
    "NRP": "SC",
    "OCR_REVIEW": "TP",  # a page whose OCR is not trusted; accepting withholds the whole page
}


class PolicySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    codes: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_CODES))
    default_code: str = "TP"
    review: tuple[str, ...] = ("NRP", "OCR_REVIEW")  # entity types proposed for review, not redaction

    @field_validator("codes")
    @classmethod
    def _known_codes(cls, value: dict[str, str]) -> dict[str, str]:
        bad = {k: v for k, v in value.items() if not codes.is_valid(v)}
        if bad:
            raise ValueError(f"unknown reason codes {bad}; valid: {', '.join(codes.REASON_CODES)}")
        return value


@register("decide.policy", kind="decide", settings=PolicySettings)
def decide_policy(settings: PolicySettings, ctx: StageContext):
    """Give every finding a reason code and a proposed action from the pipeline's policy."""

    def run(item: Item, findings: Sequence[Finding]) -> tuple[Flag, ...]:
        return tuple(
            Flag(
                flag_id=Flag.make_id(f.segment_id, f.start, f.end, f.entity), item_id=item.item_id,
                segment_id=f.segment_id, start=f.start, end=f.end, entity=f.entity, score=f.score,
                recognizer=f.recognizer, explanation=f.explanation,
                code=settings.codes.get(f.entity, settings.default_code),
                proposed="review" if f.entity in settings.review else REDACT,
            )
            for f in findings
        )

    return run
