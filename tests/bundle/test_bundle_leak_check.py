"""'redactor bundle' redacts a decided text wherever it stands, and refuses a bundle its own leak scan finds a value in."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from redactor.case import CaseStore
from redactor.cli import main

pytestmark = pytest.mark.slow

NOTE = "We met by the bluebell bench.\nThe BLUEBELL bench again, at noon.\nAnd once more the blue\u200bbell bench.\n"


def cli(*args: object):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def decided(tmp_path_factory):
    """A case whose reviewer redacted "bluebell" by hand in one place; two other spellings have no flag."""
    root = tmp_path_factory.mktemp("leakcheck")
    (root / "in").mkdir()
    (root / "in" / "note.txt").write_text(NOTE, encoding="utf-8")
    case = root / "case"
    assert cli("run", root / "in", "--case", case).exit_code == 0
    assert cli("decide", case, "--accept-all", "--reviewer", "DC Test").exit_code == 0
    with CaseStore.open(case, actor="DC Test") as store:
        (item,) = store.items()
        seg = item.segments[0]
        start = seg.text.index("bluebell")
        store.add_manual_flag(seg.segment_id, start, start + 8, code="TP", reviewer="DC Test")  # no spreading: a missed route
        flag_id = next(f.flag_id for f in store.flags() if f.origin == "manual")
    return case, flag_id


def copy_of(decided, tmp_path):
    case, flag_id = decided
    shutil.copytree(case, tmp_path / "case")
    return tmp_path / "case", flag_id


def test_a_planted_unflagged_value_refuses_the_bundle_and_leaves_nothing(decided, tmp_path, monkeypatch):
    case, flag_id = copy_of(decided, tmp_path)
    monkeypatch.setattr(CaseStore, "spread_all", lambda self, **kwargs: [])  # as if a route had not spread it
    out = tmp_path / "out"
    result = cli("bundle", case, "--out", out)
    assert result.exit_code == 5
    assert "[E071]" in result.output and "items/S0001-001.pdf" in result.output and f"flag {flag_id}" in result.output
    assert "nothing was written" in result.output and "bluebell" not in result.output.lower()
    assert not out.exists() and not (tmp_path / ".out.partial").exists()  # nothing a prosecutor could be handed
    events = [json.loads(line) for line in (case / "audit.jsonl").read_text().splitlines()]
    assert events[-1]["event"] == "bundle.refused" and events[-1]["payload"]["leaks"] >= 1


def test_the_bundle_redacts_every_spelling_and_verifies_clean(decided, tmp_path):
    case, flag_id = copy_of(decided, tmp_path)
    out = tmp_path / "out"
    result = cli("bundle", case, "--out", out)
    assert result.exit_code == 0, result.output
    with CaseStore.open(case) as store:
        added = [f for f in store.flags(status="redact") if f.recognizer == "same-value"]
        (item,) = store.items()
        text = item.segments[0].text
        assert sorted(text[f.start : f.end] for f in added) == ["BLUEBELL", "blue\u200bbell"]  # the invisible variant too
    spread = [json.loads(line) for line in (case / "audit.jsonl").read_text().splitlines() if '"value.spread"' in line]
    assert spread[-1]["payload"] == {"flag_id": flag_id, "flags": 2, "why": f"same value as flag {flag_id}"}
    verified = cli("verify", out, "--case", case)
    assert verified.exit_code == 0 and "OK: none of" in verified.output


def test_a_value_in_what_the_sealing_writes_refuses_the_bundle(decided, tmp_path, monkeypatch):
    """manifest.json and audit.jsonl are written after the first scan: they are scanned once written."""
    from redactor.bundle.writer import DisclosureBundle

    case, _ = copy_of(decided, tmp_path)
    seal = DisclosureBundle.seal

    def leaky_seal(self, out, **kwargs):
        seal(self, out, **kwargs)
        with open(out / "audit.jsonl", "a", encoding="utf-8") as handle:  # as if an event had carried the value
            handle.write(json.dumps({"event": "x", "payload": {"reason": "met at the Bluebell bench"}}) + "\n")

    monkeypatch.setattr(DisclosureBundle, "seal", leaky_seal)
    out = tmp_path / "out"
    result = cli("bundle", case, "--out", out)
    assert result.exit_code == 5, result.output
    assert "[E071]" in result.output and "audit.jsonl (text)" in result.output and "bluebell" not in result.output.lower()
    assert not out.exists()
