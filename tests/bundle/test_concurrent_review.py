"""A reviewer deciding while a bundle is being built: the bundle is refused, never half old, half new."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from redactor import bundling
from redactor.case import CaseStore
from redactor.cli import main
from tests.bundle.conftest import IRR_REF


def test_a_decision_during_the_bundle_refuses_it_and_writes_nothing(built, tmp_path, monkeypatch):
    case = tmp_path / "case"
    shutil.copytree(built[0], case)
    real = bundling.gather_facts

    def decide_meanwhile(store, *args, **kwargs):  # rendering is done; a second reviewer brings an item back
        ids = {ref: item_id for item_id, ref in store.item_refs().items()}
        store.set_item_scope(ids[IRR_REF], "in", actor="DC Other", reason="relevant after all")
        return real(store, *args, **kwargs)

    monkeypatch.setattr(bundling, "gather_facts", decide_meanwhile)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["bundle", str(case), "--out", str(out), "--by", "DC Builder"])
    assert result.exit_code == 6, result.output
    assert "decisions changed while the bundle was being built" in result.output
    assert not out.exists() and not (tmp_path / ".out.partial").exists()
    with CaseStore.open(case, actor="DC Test") as store:  # the audit trail: this bundle started, was never written
        events = [e.event for e in store.audit.events()]
    assert events.count("bundle.started") == events.count("bundle.written") + 1


def test_without_a_decision_meanwhile_the_same_case_bundles(built, tmp_path):
    case = tmp_path / "case"
    shutil.copytree(built[0], case)
    result = CliRunner().invoke(main, ["bundle", str(case), "--out", str(tmp_path / "out"), "--by", "DC Builder"])
    assert result.exit_code == 0, result.output
