"""Issue 13's end-to-end test: a UFDR, a WhatsApp export, a text PDF, a scanned PDF and a vCard, all generated
here, through 'run', '--accept-all', 'bundle' and 'verify --case' to a verified bundle with one indexed item
per disclosed record and nothing redacted left in any file or picture."""

from __future__ import annotations

import csv
import json

import pytest

from redactor.case import CaseStore
from tests.extract.device.generated import chats, records
from tests.extract.documents import factory

pytestmark = pytest.mark.slow


def test_mixed_sources_to_a_verified_bundle(cli, tmp_path):
    inputs = tmp_path / "in"
    (inputs / "ufdr").mkdir(parents=True)
    records.ufdr(inputs / "ufdr")
    chats.whatsapp_android_gb(inputs / "chat.txt")
    (inputs / "vcard").mkdir()
    records.vcards(inputs / "vcard")
    factory.text_pdf(inputs / "statement.pdf", [factory.statement(1), factory.statement(2)])
    factory.scanned_pdf(inputs / "scan.pdf", [factory.statement(3, lines=4)])
    case, out = tmp_path / "case", tmp_path / "bundle"

    assert cli("run", inputs, "--case", case).exit_code in (0, 3)
    with CaseStore.open(case) as store:
        formats = {i.meta.get("format") for i in store.items()}
        quarantined = json.loads(cli("status", case, "--json").output)["quarantined"]
    assert {"ufdr", "whatsapp", "vcard", "pdf"} <= formats, formats
    assert not [q for q in quarantined if q["path"].endswith((".ufdr", ".txt", ".vcf", ".pdf"))], quarantined
    assert cli("decide", case, "--accept-all", "--reviewer", "DC Test").exit_code == 0

    built = cli("bundle", case, "--out", out, "--by", "DC Builder")
    assert built.exit_code == 0, built.output
    verified = cli("verify", out, "--case", case)
    assert verified.exit_code == 0, verified.output
    assert "OK: none of" in verified.output

    with open(out / "index.csv", encoding="utf-8") as handle:
        index = list(csv.DictReader(handle))
    with open(out / "schedule.csv", encoding="utf-8") as handle:
        schedule = list(csv.DictReader(handle))
    sources = {row["exhibit"].split()[0] for row in index}
    assert len(sources) >= 5  # every kind of source has an item in the index
    assert all((out / row["file"]).is_file() for row in index if row["status"].startswith("disclosed"))
    assert schedule and all(row["code"] and row["reason"] and row["legal_basis"] for row in schedule)
    assert {row["item"] for row in schedule} <= {row["item"] for row in index}
