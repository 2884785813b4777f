"""Every device sample (generated, and shared when present) through 'redactor run' and 'redactor bundle': no internal errors, verified bundle."""

from __future__ import annotations

import csv
import json

from redactor.case import CaseStore

# quarantines expected in the samples folder: files that are not device exports or are empty
EXPECTED_QUARANTINE = {"E031", "E034"}


def test_all_samples_run_and_bundle(cli, samples, tmp_path):
    case, out = tmp_path / "case", tmp_path / "bundle"
    result = cli("run", str(samples / "synthetic"), str(samples / "public"), "--case", str(case))
    assert result.exit_code in (0, 3), result.output
    status = json.loads(cli("status", str(case), "--json").output)
    assert {q["code"] for q in status["quarantined"]} <= EXPECTED_QUARANTINE
    assert not [q for q in status["quarantined"] if q["path"].endswith((".ufdr", ".xml", ".json", ".vcf", ".eml", ".mbox", ".tsv"))]
    kinds = status["items_by_kind"]
    for kind in ("message", "thread", "call", "contact", "email", "note", "web_visit"):
        assert kinds.get(kind), kind
    with CaseStore.open(case) as store:
        formats = {i.meta.get("format") for i in store.items()}
    assert {"ufdr", "whatsapp", "sms-backup-restore", "telegram", "meta-dyi", "vcard", "email", "aleapp-tsv", "whatsapp-ios-db"} <= formats
    result = cli("bundle", str(case), "--out", str(out), "--pending", "redact")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(open(out / "index.csv")))
    assert not [r for r in rows if r["status"] == "withheld"]
    assert sum(r["kind"] == "conversation" for r in rows) >= 10
    assert cli("verify", str(out)).exit_code == 0
