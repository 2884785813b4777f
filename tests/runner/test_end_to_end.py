"""From documents to a verified bundle, through the CLI, with the leak checks of issue 2."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zlib

import pytest
from pypdf import PdfReader

from redactor.case import CaseStore
from tests.factories import PEOPLE, PHONES, STATEMENT_LINES, annotated_pdf

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory, demo_case_dir_module):
    root = tmp_path_factory.mktemp("e2e")
    inputs = root / "inputs"
    shutil.copytree(demo_case_dir_module, inputs)
    annotated_pdf(inputs / f"Statement of {PEOPLE[0]}.pdf", STATEMENT_LINES)
    from click.testing import CliRunner

    from redactor.cli import main

    runner = CliRunner()
    case, out = root / "case", root / "bundle"
    for args in (
        ["run", str(inputs), "--case", str(case)],
        ["decide", str(case), "--accept-all", "--reviewer", "DC Test"],
        ["bundle", str(case), "--out", str(out)],
    ):
        result = runner.invoke(main, args, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return case, out


@pytest.fixture(scope="module")
def demo_case_dir_module():
    from tests.conftest import REPO

    return REPO / "examples" / "demo-case"


def without_hashes(text: str) -> str:
    """Hex digests and ids can contain any digit run by chance; they are not data."""
    return re.sub(r"[0-9a-f]{16,}", "#", text)


def redacted_values(case):
    """(bundle document, value) for every redacted flag; messages live in their conversation's transcript."""
    with CaseStore.open(case) as store:
        texts = {s.segment_id: s.text for item in store.items() for s in item.segments}
        refs = store.item_refs()
        return [(refs[f.item_id], texts[f.segment_id][f.start : f.end]) for f in store.flags(status="redact")]


def document_of(out):
    """Map every case item reference to the bundle document that shows it."""
    mapping = {}
    for row in csv.DictReader(io.StringIO((out / "index.csv").read_text())):
        mapping[row["item"]] = row["item"]
        for member in row["contains"].split():
            mapping[member] = row["item"]
    return mapping


def test_bundle_layout_and_verify(bundle, cli):
    case, out = bundle
    names = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert {"manifest.json", "schedule.csv", "index.csv", "audit.jsonl"} <= set(names)
    assert all(re.fullmatch(r"items/S\d{4}-\d{3}\.pdf", n) for n in names if n.startswith("items/"))
    result = cli("verify", out)
    assert result.exit_code == 0 and "OK" in result.output
    assert cli("audit", "verify", case).exit_code == 0


def test_no_redacted_value_survives_anywhere(bundle):
    case, out = bundle
    docs = document_of(out)
    values = [(docs[ref], value) for ref, value in redacted_values(case)]
    assert len(values) >= 10
    extracted = {p.stem: "\n".join(page.extract_text() or "" for page in PdfReader(p).pages) for p in (out / "items").glob("*.pdf")}
    raw = {p.stem: p.read_bytes() for p in (out / "items").glob("*.pdf")}
    for ref, value in values:
        squeezed = re.sub(r"\s+", "", value)
        assert value not in extracted[ref] and squeezed not in re.sub(r"\s+", "", extracted[ref]), (ref, "leak in text layer")
        assert value.encode() not in raw[ref]
        for stream in re.findall(rb"stream\r?\n(.*?)endstream", raw[ref], re.S):
            try:
                assert value.encode() not in zlib.decompress(stream)
            except zlib.error:
                pass
    for name in ("schedule.csv", "index.csv", "manifest.json", "audit.jsonl"):
        text = without_hashes((out / name).read_text())
        for _, value in values:
            if len(value) > 3:
                assert value not in text, f"{value!r} leaked into {name}"


def test_kept_text_is_still_searchable(bundle):
    _, out = bundle
    text = " ".join(page.extract_text() for p in sorted((out / "items").glob("*.pdf")) for page in PdfReader(p).pages)
    assert "Statement of a witness." in text and "Summary" in text


def test_outputs_carry_no_metadata_annotations_outlines_or_attachments(bundle):
    _, out = bundle
    for path in (out / "items").glob("*.pdf"):
        reader = PdfReader(path)
        root = reader.trailer["/Root"]
        assert reader.metadata is None or not dict(reader.metadata)
        assert "/Metadata" not in root and "/Outlines" not in root and "/AcroForm" not in root
        assert "/Names" not in root or "/EmbeddedFiles" not in root["/Names"]
        assert all("/Annots" not in page for page in reader.pages)
        data = path.read_bytes()
        for secret in (PEOPLE[2], "Outline", PHONES[2], b"ReportLab".decode()):
            assert secret.encode() not in data


def test_schedule_has_a_coded_row_per_box_and_no_values(bundle):
    case, out = bundle
    rows = list(csv.DictReader(io.StringIO((out / "schedule.csv").read_text())))
    assert rows and all(r["code"] and r["reason"] and r["item"] and r["page"] for r in rows)
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["pipeline"]["hash"] and manifest["tool"]["models"]
    assert all(len(s["sha256"]) == 64 for s in manifest["sources"])
    assert "name" not in manifest["sources"][0]  # original file names can be personal data


def test_rerun_adds_nothing(bundle, cli):
    case, _ = bundle
    before = json.loads(cli("status", case, "--json").output)
    from tests.conftest import REPO

    result = cli("run", REPO / "examples" / "demo-case", "--case", case)
    after = json.loads(cli("status", case, "--json").output)
    assert result.exit_code == 0 and "0 sources processed" in result.output
    assert (before["sources"], before["items"], before["flags"]) == (after["sources"], after["items"], after["flags"])


def test_logs_never_contain_values(bundle):
    case, _ = bundle
    log = without_hashes((case / "work" / "redactor.log").read_text())
    audit = without_hashes((case / "audit.jsonl").read_text())
    for _, value in redacted_values(case):
        if len(value) > 3:
            assert value not in log and value not in audit


def test_combined_bundle_is_paginated_indexed_and_leak_free(bundle):
    case, out = bundle
    reader = PdfReader(out / "bundle.pdf")
    texts = [page.extract_text() for page in reader.pages]
    total = len(texts)
    assert all(f"Bundle page {i} of {total}" in t for i, t in enumerate(texts, start=1))
    assert texts[0].startswith("Disclosure bundle\n") and "Disclosure bundle: index" in texts[1] and "Redaction schedule" in texts[-1]
    index = list(csv.DictReader(io.StringIO((out / "index.csv").read_text())))
    item_pages = sum(int(r["pages"]) for r in index)
    assert total >= item_pages + 2
    by_item: dict[str, str] = {}
    for text in texts:
        match = re.search(r"(S\d{4}-\d{3})  ·  Bundle page", text)
        if match:
            by_item[match.group(1)] = by_item.get(match.group(1), "") + text
    assert set(by_item) == {r["item"] for r in index if r["status"] == "disclosed"}
    docs = document_of(out)
    for ref, value in redacted_values(case):
        assert value not in by_item[docs[ref]]
    assert reader.metadata is None or not dict(reader.metadata)


def test_comments_on_the_original_are_reported_not_reproduced(bundle):
    _, out = bundle
    rows = list(csv.DictReader(io.StringIO((out / "index.csv").read_text())))
    noted = [r for r in rows if "not reproduced" in r["note"]]
    assert len(noted) == 1  # only the annotated statement carries a comment
    assert "1 comments/annotations" in noted[0]["note"] and "pages 1" in noted[0]["note"]
    assert all("/Annots" not in page for page in PdfReader(out / noted[0]["file"]).pages)
