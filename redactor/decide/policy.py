"""The ``decide.policy`` stage: propose an action and a reason code for each finding.

The policy lives in the pipeline YAML (``pipelines/disclosure.yaml``):

- every finding is classified (``redactor.decide.classify``): whose data it is (a case party
  with role, ``device_owner``, ``third_party`` or ``unknown``) and its category (name,
  contact, address, government, special, ...);
- ``rules`` (first match wins) turn category and role into a proposed action (redact, keep,
  review) and a reason code; a finding no rule matches gets ``codes[entity]`` and is proposed
  for review if its entity is in ``review``, for redaction otherwise;
- ``scope`` (Bater-James): device items outside the date range, participants or search terms
  are proposed IRR and marked out of scope (``redactor.decide.scope``); their detail flags are kept.

Proposals are only proposals: a flag stays ``pending`` until a reviewer (or ``redactor decide
--accept-all``) decides it, or its value is decided by the policy: a roster party's name the rules keep,
and a structured identifier a rule with ``decide`` proposes to redact (``redactor.case.values``); both
name the rule in the audit log and stay open to review.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from redactor import codes, facts
from redactor.decide.classify import Classifier, Party
from redactor.decide.scope import ScopeMatcher, ScopeSettings, thread_index
from redactor.entities import BY_NAME, CATEGORIES, DEFAULT_CODES, LANGUAGE_REVIEW, OCR_REVIEW, OUT_OF_SCOPE
from redactor.records import REDACT, Decided, Finding, Flag, Item, ScopeProposal, thawed_mapping
from redactor.stages import StageContext, register

log = logging.getLogger(__name__)


def _as_tuple(value: Any) -> Any:
    return (value,) if isinstance(value, str) else value


class PolicyRule(BaseModel):
    """``category`` and ``role`` match one value, a list, or ``*``; ``code`` defaults to the entity's code.

    ``decide`` (a redact rule only) names the entity types, or ``*``, whose values the policy decides itself:
    a value all of whose occurrences such a rule proposed to redact is decided redact by the policy (the rule
    named in the audit log; still open to review), as a roster party's name is decided keep. Meant for
    structured identifiers, never for names read by a model."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    category: tuple[str, ...] = ("*",)
    role: tuple[str, ...] = ("*",)
    action: Literal["redact", "keep", "review"]
    code: str | None = None
    decide: tuple[str, ...] = ()

    @field_validator("category", "role", "decide", mode="before")
    @classmethod
    def _tuples(cls, value: Any) -> Any:
        return _as_tuple(value)

    @field_validator("decide")
    @classmethod
    def _known_entities(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        unknown = [e for e in value if e != "*" and e not in BY_NAME]
        if unknown:
            raise ValueError(f"unknown entity types {unknown}; valid: {', '.join(BY_NAME)}")
        return value

    @model_validator(mode="after")
    def _decides_redactions_only(self) -> PolicyRule:
        if self.decide and self.action != REDACT:
            raise ValueError("only a rule whose action is redact may decide values ('decide')")
        return self

    def decides(self, entity: str) -> bool:
        return "*" in self.decide or entity in self.decide

    @field_validator("code")
    @classmethod
    def _known_code(cls, value: str | None) -> str | None:
        if value is not None and not codes.is_valid(value):
            raise ValueError(f"unknown reason code {value!r}; valid: {', '.join(codes.REASON_CODES)}")
        return value

    def matches(self, category: str, role: str) -> bool:
        return ("*" in self.category or category in self.category) and ("*" in self.role or role in self.role)


class PolicySettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    codes: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_CODES))
    default_code: str = "TP"
    review: tuple[str, ...] = (
        "NRP",
        "SPECIAL_CATEGORY",
        OCR_REVIEW,
        LANGUAGE_REVIEW,
    )  # entity types proposed for review when no rule matches
    categories: dict[str, str] = Field(default_factory=lambda: dict(CATEGORIES))
    rules: tuple[PolicyRule, ...] = ()
    scope: ScopeSettings = Field(default_factory=ScopeSettings)

    @field_validator("codes")
    @classmethod
    def _known_codes(cls, value: dict[str, str]) -> dict[str, str]:
        bad = {k: v for k, v in value.items() if not codes.is_valid(v)}
        if bad:
            raise ValueError(f"unknown reason codes {bad}; valid: {', '.join(codes.REASON_CODES)}")
        return value

    def propose(self, entity: str, party: Party) -> tuple[str, str]:
        """(proposed action, reason code) for a finding of ``entity`` classified as ``party``."""
        action, code, _ = self.propose_by_rule(entity, party)
        return action, code

    def propose_by_rule(self, entity: str, party: Party) -> tuple[str, str, str]:
        """(proposed action, reason code, the rule that said so) for a finding; the rule is named for the audit log."""
        action, code, rule, _ = self.proposal(entity, party)
        return action, code, rule

    def proposal(self, entity: str, party: Party) -> tuple[str, str, str, bool]:
        """:meth:`propose_by_rule` and whether the rule lets the policy decide the value (``decide``)."""
        category = self.categories.get(entity, "other")
        fallback = self.codes.get(entity, self.default_code)
        for number, rule in enumerate(self.rules, start=1):
            if rule.matches(category, party.role):
                code = rule.code or fallback
                named = f"decide.policy rule {number} ({category}, {party.role}: {rule.action} {code})"
                return rule.action, code, named, rule.decides(entity)
        action = "review" if entity in self.review else REDACT
        return action, fallback, f"decide.policy default ({entity}: {action} {fallback})", False


@register("decide.policy", kind="decide", settings=PolicySettings)
def decide_policy(settings: PolicySettings, ctx: StageContext):
    """Classify each finding (case party, third party, unknown) and propose an action and reason code; apply the scope."""
    classifier = Classifier(ctx.case.people, ctx.case.roster_addresses)
    scope = ScopeMatcher(settings.scope)
    threads: dict[str, list[facts.Party]] | None = None

    def thread_participants(key: str) -> list[facts.Party]:
        nonlocal threads
        if threads is None:
            threads = thread_index(ctx.case.threads)
        return threads.get(key, [])

    proposals: dict[tuple[str, str], tuple[str, str, str, bool]] = {}  # (entity, role): the same for every finding

    def propose(entity: str, party: Party) -> tuple[str, str, str, bool]:
        key = (entity, party.role)
        if key not in proposals:
            proposals[key] = settings.proposal(entity, party)
        return proposals[key]

    def run(item: Item, findings: Sequence[Finding]) -> Decided:
        reasons = scope.reasons_out(item, thread_participants)
        texts = {seg.segment_id: seg.text for seg in item.segments}
        flags = [_flag(item, f, texts.get(f.segment_id, ""), settings, classifier, propose) for f in findings]
        if not reasons:
            return Decided(tuple(flags), ScopeProposal(item.item_id, "in", "within the agreed scope again"))
        log.info("item %s out of scope (%d criteria)", item.item_id, len(reasons))
        irr = _out_of_scope(item, reasons)
        proposal = ScopeProposal(item.item_id, "out", f"IRR: {'; '.join(reasons)}")
        return Decided((irr, *flags) if irr is not None else tuple(flags), proposal)

    run.reads_device = settings.scope.active  # type: ignore[attr-defined]  # only the scope reads items' device facts
    return run


def _flag(
    item: Item,
    f: Finding,
    text: str,
    settings: PolicySettings,
    classifier: Classifier,
    propose: Callable[[str, Party], tuple[str, str, str, bool]],
) -> Flag:
    party = classifier.classify(f.entity, text[f.start : f.end])
    proposed, code, rule, decides = propose(f.entity, party)
    explanation = thawed_mapping(f.explanation)  # a dict of the flag's own (hot path: every flag)
    explanation.update(party=party.role, category=settings.categories.get(f.entity, "other"), rule=rule)
    if decides:
        explanation["policy_decides"] = True  # the value is decided redact by the policy (case/values.py)
    if party.person_id:
        explanation["person_id"] = party.person_id
    return Flag(
        flag_id=Flag.make_id(f.segment_id, f.start, f.end, f.entity),
        item_id=item.item_id,
        segment_id=f.segment_id,
        start=f.start,
        end=f.end,
        entity=f.entity,
        score=f.score,
        recognizer=f.recognizer,
        explanation=explanation,
        code=code,
        proposed=proposed,
    )


MAIN_FIELDS = ("text", "body", "page", "subject")


def _out_of_scope(item: Item, reasons: list[str]) -> Flag | None:
    """The item is proposed IRR: one IRR flag over its main text (the runner marks it out of scope).

    Its detail flags are still made (by the caller): if a reviewer brings the item back into
    scope, its personal data is already flagged. The IRR flag covers the main text only, not
    sender names, so it never spreads to other items that show the same name."""
    why = "; ".join(reasons)
    segments = [seg for seg in item.segments if seg.text]
    main = next((seg for seg in segments if seg.field in MAIN_FIELDS), segments[0] if segments else None)
    if main is None:
        return None
    return Flag(
        flag_id=Flag.make_id(main.segment_id, 0, len(main.text), OUT_OF_SCOPE),
        item_id=item.item_id,
        segment_id=main.segment_id,
        start=0,
        end=len(main.text),
        entity=OUT_OF_SCOPE,
        score=1.0,
        recognizer="scope",
        explanation={"scope": reasons, "textual_explanation": f"outside the agreed scope: {why}"},
        code="IRR",
        proposed=REDACT,
    )
