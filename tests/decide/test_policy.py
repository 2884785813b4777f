"""Roster, classification, the rule policy and Bater-James scope (synthetic people, Ofcom numbers)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.case import CaseStore
from redactor.decide.classify import Classifier
from redactor.decide.policy import OUT_OF_SCOPE, PolicySettings, decide_policy
from redactor.decide.roster import load_roster, store_roster
from redactor.decide.scope import ScopeMatcher, ScopeSettings
from redactor.errors import ConfigError, UsageError
from redactor.facts import Party
from redactor.pipeline import load_pipeline
from redactor.records import Finding, Item, Person, Segment
from redactor.stages import StageContext

ROSTER = Path(__file__).parent / "fixtures" / "roster.yaml"


@pytest.fixture
def store(tmp_path: Path) -> CaseStore:
    s = CaseStore.create(tmp_path / "case")
    store_roster(s, ROSTER)
    s.add_people(
        [
            Person("book1", "Tom Ashworth", ("Tom",), ("+447700900317",), (), "unknown", "S0001 contacts"),
            Person("owner", "Hannah O", (), ("+447700900461",), (), "unknown", "S0001 contacts", device_owner=True),
        ]
    )
    return s


def test_roster_is_stored_with_roles_and_addresses(store):
    people = {p.name: p for p in store.people()}
    assert people["Hannah Okafor"].role == "complainant" and people["Hannah Okafor"].origin == "roster"
    assert people["Marcus Bellamy"].role == "suspect"
    assert list(store.roster_addresses().values()) == [["14 Larkspur Close, Wakefield WF2 8QT"]]
    assert store.audit.path.read_text().count("roster.loaded") == 1
    assert "Larkspur" not in store.audit.path.read_text()  # counts and hashes only


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("people:\n  - name: X\n    role: friend\n", "role"),
        ("people:\n  - role: witness\n", "name"),
        ("people: [unclosed\n", "not valid YAML"),
        ("nobody: []\n", "people"),
    ],
)
def test_bad_roster_is_a_clear_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad-roster.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message) as info:
        load_roster(path)
    assert "bad-roster.yaml" in str(info.value)


@pytest.mark.parametrize(
    ("entity", "text", "role"),
    [
        ("PERSON", "Hannah Okafor", "complainant"),
        ("PERSON", "han", "complainant"),
        ("PERSON", "Marcus", "suspect"),
        ("PERSON", "PC 2231 Davies", "officer"),
        ("PERSON", "DS Khan", "officer"),
        ("PERSON", "Chloe Whitfield", "third_party"),
        ("PERSON", "Tom Ashworth", "third_party"),
        ("PHONE_NUMBER", "+44 7700 900982", "suspect"),
        ("PHONE_NUMBER", "07700900317", "third_party"),
        ("PHONE_NUMBER", "07700 900999", "unknown"),
        ("EMAIL_ADDRESS", "Priya.Raman@example.org", "witness"),
        ("STREET_ADDRESS", "14 Larkspur Close, Wakefield WF2 8QT", "complainant"),
        ("UK_POSTCODE", "WF2 8QT", "complainant"),
        ("UK_NINO", "AB 12 34 56 C", "unknown"),
    ],
)
def test_classification(store, entity, text, role):
    assert Classifier(store.people(), store.roster_addresses()).classify(entity, text).role == role


def test_a_classifier_answers_a_repeated_text_as_the_first_time(store, monkeypatch):
    """Answers are kept per (entity, text): the same as working each out again, also after the store is emptied."""
    from redactor.decide import classify

    cases = [("PERSON", "Marcus"), ("PHONE_NUMBER", "Marcus"), ("PERSON", "DS Khan"), ("PHONE_NUMBER", "07700900317"), ("UK_NINO", "x")]
    monkeypatch.setattr(classify, "SEEN_LIMIT", 3)
    cached = Classifier(store.people(), store.roster_addresses())
    fresh = [Classifier(store.people(), store.roster_addresses()).classify(e, t) for e, t in cases]
    assert [cached.classify(e, t) for e, t in cases * 3] == fresh * 3
    assert len(cached._seen) <= 3


def test_device_owner_not_on_the_roster():
    owner = Person("o", "Jo Bloggs", (), ("+447700900111",), (), "unknown", "S0001", device_owner=True)
    assert Classifier([owner]).classify("PHONE_NUMBER", "07700 900111").role == "device_owner"


def ctx(store) -> StageContext:
    from redactor import paths

    return StageContext(paths.models_dir(), store.work_dir, store.snapshot(threads=True))


def decide(settings: PolicySettings, store, item: Item, findings=()) -> tuple:
    """The policy stage as the runner uses it: its scope proposal written to the case, its flags returned."""
    decided = decide_policy(settings, ctx(store))(item, list(findings))
    if decided.scope is not None:
        store.apply_scope_proposal(decided.scope)
    return decided.flags


def default_policy() -> PolicySettings:
    return load_pipeline().of_kind("decide").settings


@pytest.mark.parametrize(
    ("entity", "text", "proposed", "code"),
    [
        ("PERSON", "Hannah Okafor", "keep", "VW"),
        ("PERSON", "Marcus Bellamy", "keep", "CTX"),
        ("PERSON", "Chloe Whitfield", "redact", "TP"),
        ("PHONE_NUMBER", "07700 900461", "redact", "VW"),
        ("PHONE_NUMBER", "07700 900982", "review", "TP"),
        ("PHONE_NUMBER", "07700 900999", "redact", "TP"),
        ("SPECIAL_CATEGORY", "counselling", "review", "SC"),
        ("UK_PNC_ID", "84/123456U", "redact", "TP"),
        ("UK_NHS", "943 476 5919", "redact", "GID"),
        ("CREDIT_CARD", "4532015112830366", "redact", "FIN"),
        ("IMEI", "352099001761481", "redact", "DEV"),
        ("CASE_REFERENCE", "12/34567/24", "review", "CTX"),
    ],
)
def test_default_policy_turns_category_and_role_into_a_proposal(store, entity, text, proposed, code):
    seg = Segment("s1", "i1", 0, "body", f"x {text} y")
    flags = decide_policy(default_policy(), ctx(store))(
        Item("i1", "src", "file", "document", "t", (seg,)), [Finding("s1", 2, 2 + len(text), entity, 0.9, "r")]
    ).flags
    assert [(f.proposed, f.code) for f in flags] == [(proposed, code)]
    assert flags[0].explanation["party"] and text not in str(dict(flags[0].explanation))


def test_first_matching_rule_wins_and_unmatched_falls_back():
    settings = PolicySettings.model_validate(
        {"rules": [{"category": "name", "role": "third_party", "action": "redact", "code": "TP"}, {"category": "name", "action": "keep"}]}
    )
    from redactor.decide.classify import Party

    assert settings.propose("PERSON", Party("third_party")) == ("redact", "TP")
    assert settings.propose("PERSON", Party("witness")) == ("keep", "TP")
    assert settings.propose("SPECIAL_CATEGORY", Party("unknown")) == ("review", "SC")


def test_rule_with_unknown_code_is_refused():
    with pytest.raises(ValueError, match="unknown reason code"):
        PolicySettings.model_validate({"rules": [{"action": "redact", "code": "XX"}]})


def message(meta: dict, text: str = "see you at the party", kind: str = "message") -> Item:
    return Item("m1", "src", "line 1", kind, "WhatsApp message", (Segment("m1s", "m1", 0, "text", text),), meta)


SENDER = {"raw": "+447700900982", "phone": "+447700900982", "name": "Marcus", "owner": None}
OWNER = {"raw": "me", "name": "Hannah", "owner": True}


@pytest.mark.parametrize(
    ("scope", "meta", "text", "out"),
    [
        ({"date_from": "2024-03-01", "date_to": "2024-03-31"}, {"time": {"utc": "2024-03-02T21:14:00Z"}}, "hi", []),
        ({"date_from": "2024-03-01", "date_to": "2024-03-31"}, {"time": {"utc": "2024-03-31T23:59:00Z"}}, "hi", []),
        ({"date_from": "2024-03-01", "date_to": "2024-03-31"}, {"time": {"utc": "2024-04-01T00:00:01Z"}}, "hi", ["outside the date range"]),
        ({"date_from": "2024-03-01"}, {"time": {"utc": "2024-02-01T10:00:00+00:00"}}, "hi", ["outside the date range"]),
        ({"date_from": "2024-03-01"}, {"time": {"utc": None}}, "hi", []),  # no readable time: kept in scope
        ({"participants": ["07700 900982"]}, {"sender": SENDER}, "hi", []),
        ({"participants": ["marcus"]}, {"sender": SENDER}, "hi", []),
        ({"participants": ["07700 900111"]}, {"sender": SENDER, "recipients": [OWNER]}, "hi", ["no participant in scope"]),
        ({"participants": ["Hannah"]}, {"sender": OWNER}, "hi", ["no participant in scope"]),  # the owner alone does not count
        ({"participants": ["07700 900982"]}, {"participants": ["+447700900982"]}, "hi", []),
        ({"terms": ["party", "taxi"]}, {}, "see you at the PARTY", []),
        ({"terms": ["party", "taxi"]}, {}, "see you at home", ["none of the search terms"]),
    ],
)
def test_scope(scope, meta, text, out):
    assert ScopeMatcher(ScopeSettings.model_validate(scope)).reasons_out(message(meta, text)) == out


def test_scope_never_applies_to_documents():
    matcher = ScopeMatcher(ScopeSettings.model_validate({"terms": ["taxi"]}))
    assert matcher.reasons_out(message({}, "nothing here", kind="document")) == []


def test_scope_uses_thread_participants():
    matcher = ScopeMatcher(ScopeSettings.model_validate({"participants": ["07700 900982"]}))
    item = message({"thread": {"key": "t1"}, "sender": OWNER})
    assert matcher.reasons_out(item, lambda key: [Party.from_json(SENDER)] if key == "t1" else []) == []
    assert matcher.reasons_out(item, lambda key: []) == ["no participant in scope"]


def test_out_of_scope_item_is_proposed_irr_and_marked_out(store):
    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "call Marcus on 07700 900982")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    settings = PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}})
    flags = decide(settings, store, item, [Finding("m1s", 5, 11, "PERSON", 0.9, "r")])
    assert [(f.entity, f.code, f.start, f.end) for f in flags] == [
        (OUT_OF_SCOPE, "IRR", 0, len(item.segments[0].text)),
        ("PERSON", "TP", 5, 11),
    ]
    assert store.item_scope("m1") == "out"
    import json

    events = [json.loads(line) for line in store.audit.path.read_text().splitlines()]
    assert [e["payload"]["after"] for e in events if e["event"] == "item.scope"] == ["out"]


def test_cli_run_with_roster(cli, tmp_path):
    doc = tmp_path / "statement.txt"
    doc.write_text("I am Hannah Okafor. Chloe Whitfield rang me on 07700 900982.\n", encoding="utf-8")
    result = cli("run", doc, "--case", tmp_path / "case", "--roster", ROSTER)
    assert result.exit_code == 0, result.output
    assert "4 case parties" in result.output
    rows = cli("flags", tmp_path / "case", "--format", "jsonl", "--with-text").output
    assert '"text": "Hannah Okafor"' in rows and '"proposed": "keep"' in rows
    assert '"text": "Chloe Whitfield"' in rows


def test_cli_run_with_bad_roster_touches_nothing(cli, tmp_path):
    bad = tmp_path / "roster.yaml"
    bad.write_text("people:\n  - name: X\n    role: friend\n")
    doc = tmp_path / "s.txt"
    doc.write_text("hello\n")
    from click.testing import CliRunner

    from redactor.cli import main

    result = CliRunner().invoke(main, ["run", str(doc), "--case", str(tmp_path / "case"), "--roster", str(bad)])
    assert result.exit_code == 2 and "roster.yaml" in result.output
    assert not (tmp_path / "case").exists()


def test_item_comes_back_when_the_scope_widens(store):
    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "see you")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    narrow = PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}})
    store.save_flags("src", decide(narrow, store, item))
    assert store.item_scope("m1") == "out"
    wide = PolicySettings.model_validate({"scope": {"date_from": "2022-01-01"}})
    decide(wide, store, item)
    assert store.item_scope("m1") == "in"


def test_item_comes_back_when_the_scope_widens_after_its_source_is_detected_again(store):
    """Detecting a source again drops its undecided IRR flags before the policy runs: the item still comes back."""
    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "see you")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    store.save_flags("src", decide(PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}}), store, item))
    assert store.item_scope("m1") == "out"
    store.clear_pending_flags("src")  # what the runner does before detecting a source again
    store.save_flags("src", decide(PolicySettings.model_validate({"scope": {"date_from": "2022-01-01"}}), store, item), replace=False)
    assert store.item_scope("m1") == "in" and [r["after"] for r in store.scope_history("m1")] == ["out", "in"]


def test_an_item_whose_irr_flag_a_reviewer_accepted_stays_out(store):
    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "see you")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    store.save_flags("src", decide(PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}}), store, item))
    (irr,) = store.flags(item_id="m1")
    store.decide(irr.flag_id, action="accept", status="redact", reviewer="DC Test")
    store.clear_pending_flags("src")
    decide(PolicySettings.model_validate({"scope": {"date_from": "2022-01-01"}}), store, item)
    assert store.item_scope("m1") == "out"


def test_an_item_a_reviewer_brought_back_in_stays_in_when_the_scope_narrows_again(store):
    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "see you")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    narrow = PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}})
    store.save_flags("src", decide(narrow, store, item))
    assert store.item_scope("m1") == "out"
    store.set_item_scope("m1", "in", actor="DC Test", reason="relevant: the complainant refers to it")
    store.clear_pending_flags("src")  # the source is detected again under the same narrow scope
    store.save_flags("src", decide(narrow, store, item), replace=False)
    assert store.item_scope("m1") == "in"
    assert [(r["reviewer"], r["after"]) for r in store.scope_history("m1")] == [("policy", "out"), ("DC Test", "in")]


@pytest.mark.parametrize("name", ["policy", " Policy ", "SYSTEM", "", "   "])
def test_no_reviewer_may_act_under_the_tool_s_own_names(store, name):
    """The scope history tells the policy's changes from a person's by name: a reviewer called
    "policy" would pass for the policy, and the policy would then undo their work."""
    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "see you")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    with pytest.raises(UsageError):
        store.set_item_scope("m1", "out", actor=name, reason="r")
    store.save_flags("src", decide(PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}}), store, item))
    (irr,) = store.flags(item_id="m1")
    with pytest.raises(UsageError):
        store.decide(irr.flag_id, action="accept", status="redact", reviewer=name)
    assert store.item_scope("m1") == "out" and len(store.scope_history("m1")) == 1


def test_reviewer_marked_out_items_stay_out(store):
    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "see you")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    store.set_item_scope("m1", "out", actor="DC Test", reason="not relevant")
    decide(PolicySettings(), store, item)
    assert store.item_scope("m1") == "out"


def test_policy_logs_ids_never_text(store, caplog):
    import logging

    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "call Marcus on 07700 900982")
    store.add_source("src", "/x", "x", 1, "text/plain")
    store.save_items("src", [item])
    settings = PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}})
    with caplog.at_level(logging.DEBUG):
        decide(settings, store, item, [Finding("m1s", 5, 11, "PERSON", 0.9, "r")])
    assert caplog.records and "m1" in caplog.text
    assert "Marcus" not in caplog.text and "07700" not in caplog.text


def test_the_policy_proposes_scope_and_leaves_the_case_alone(store, tmp_path):
    """A pure stage: given plain values, it returns flags and a scope proposal; only the runner writes."""
    from redactor import paths
    from redactor.records import ScopeProposal

    item = message({"time": {"utc": "2023-01-01T10:00:00Z"}}, "see you")
    settings = PolicySettings.model_validate({"scope": {"date_from": "2024-01-01"}})
    decided = decide_policy(settings, StageContext(paths.models_dir(), tmp_path))(item, [])
    assert decided.scope == ScopeProposal("m1", "out", "IRR: outside the date range")
    assert [f.entity for f in decided.flags] == [OUT_OF_SCOPE]
    inside = decide_policy(PolicySettings(), StageContext(paths.models_dir(), tmp_path))(item, [])
    assert inside.scope == ScopeProposal("m1", "in", "within the agreed scope again") and inside.flags == ()


@pytest.mark.slow
def test_widening_the_scope_in_the_pipeline_brings_items_back_on_the_next_run(cli, tmp_path):
    """End to end: a run with a narrower scope, then one with a wider scope (the source is detected again)."""
    from redactor import paths

    chat = tmp_path / "WhatsApp Chat with Alex Witness.txt"
    chat.write_text(
        "01/03/2023, 09:15 - Alex Witness: old news\n01/03/2024, 09:15 - Alex Witness: see you at the party\n", encoding="utf-8"
    )
    default = (paths.pipelines_dir() / "disclosure.yaml").read_text(encoding="utf-8")
    commented = "      # scope:\n      #   date_from: 2024-01-01\n"
    assert commented in default

    def pipeline(date_from: str) -> Path:
        path = tmp_path / f"from-{date_from}.yaml"
        path.write_text(default.replace(commented, f"      scope:\n        date_from: {date_from}\n"), encoding="utf-8")
        return path

    case = tmp_path / "case"
    assert cli("run", chat, "--case", case, "--pipeline", pipeline("2024-01-01"), "--workers", "1").exit_code == 0
    with CaseStore.open(case) as store:
        assert sorted(store.item_scopes().values()) == ["in", "in", "out"]  # the thread, the 2024 message; the 2023 one out
    assert cli("run", chat, "--case", case, "--pipeline", pipeline("2022-01-01"), "--workers", "1").exit_code == 0
    with CaseStore.open(case) as store:
        assert sorted(store.item_scopes().values()) == ["in", "in", "in"]
        assert not [f for f in store.flags() if f.entity == OUT_OF_SCOPE]


@pytest.mark.slow
def test_people_a_run_finds_are_known_to_the_policy_in_the_same_run(cli, tmp_path):
    """An address book extracted in this run links a number in another exhibit to its person, as detection does."""
    import json

    folder = tmp_path / "exhibits"
    folder.mkdir()
    (folder / "contacts.vcf").write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Chloe Example\nTEL:07700 900317\nEND:VCARD\n", encoding="utf-8")
    (folder / "statement.txt").write_text("She said to ring 07700 900317 about the car.\n", encoding="utf-8")
    assert cli("run", folder, "--case", tmp_path / "case", "--workers", "1").exit_code == 0
    rows = [json.loads(line) for line in cli("flags", tmp_path / "case", "--format", "jsonl", "--with-text").output.splitlines()]
    (phone,) = [r for r in rows if r["entity"] == "PHONE_NUMBER" and r["field"] == "body"]
    assert phone["party"] == "third_party"  # the contact's number: a third party's (before: 'unknown', the book not yet known)


@pytest.mark.parametrize(
    ("entity", "text", "decides"),
    [
        ("PHONE_NUMBER", "07700 900999", True),  # a third party's number: decided by the policy
        ("PHONE_NUMBER", "07700 900461", True),  # the complainant's (VW)
        ("PHONE_NUMBER", "07700 900982", False),  # the suspect's: proposed for review
        ("EMAIL_ADDRESS", "someone@example.com", True),
        ("CREDIT_CARD", "4532015112830366", True),
        ("UK_NHS", "943 476 5919", True),
        ("IMEI", "352099001761481", True),
        ("PERSON", "Chloe Whitfield", False),  # names a model read stay for a reviewer
        ("STREET_ADDRESS", "14 Example Road", True),  # a pattern-found address of a third party (QC keeps a scene)
        ("UK_POSTCODE", "LS1 4AB", True),
        ("LOCATION", "Leeds", False),  # a place a model read stays for a reviewer
        ("SOCIAL_HANDLE", "@jo_example", False),
        ("UK_PASSPORT", "123456789", False),  # nine digits and a context word: not unambiguous
    ],
)
def test_default_policy_decides_structured_identifiers_only(store, entity, text, decides):
    seg = Segment("s1", "i1", 0, "body", f"x {text} y")
    (flag,) = decide_policy(default_policy(), ctx(store))(
        Item("i1", "src", "file", "document", "t", (seg,)), [Finding("s1", 2, 2 + len(text), entity, 0.9, "r")]
    ).flags
    assert flag.explanation.get("policy_decides", False) is decides


@pytest.mark.parametrize(
    ("rule", "problem"),
    [
        ({"category": "name", "action": "keep", "decide": ["PERSON"]}, "only a rule whose action is redact"),
        ({"category": "contact", "action": "redact", "decide": ["PHONE"]}, "unknown entity types"),
    ],
)
def test_a_rule_may_decide_only_redactions_of_known_types(rule, problem):
    with pytest.raises(ValueError, match=problem):
        PolicySettings.model_validate({"rules": [rule]})
