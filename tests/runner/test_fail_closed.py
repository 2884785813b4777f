"""Fault injection through the real registry: a failing stage quarantines, never renders unredacted."""

from __future__ import annotations

import csv
import io
import json

import pytest
from pypdf import PdfReader

from redactor.detect.stage import DetectSettings, detect_presidio
from redactor.render.stage import RenderSettings, render_pdf
from redactor.stages import register

SECRET = "Zanzibar Quickfoot"


@register("detect.explode_on_secret", kind="detect", settings=DetectSettings)
def detect_explode(settings, ctx):
    """Test stage: the real detector, but it crashes on items that mention the secret."""
    real = detect_presidio(settings, ctx)

    def run(item):
        if any(SECRET in s.text for s in item.segments):
            raise RuntimeError(f"boom {SECRET}")  # the message quotes data: it must not reach any log
        return real(item)

    return run


@register("render.explode_on_secret", kind="render", settings=RenderSettings)
def render_explode(settings, ctx):
    """Test stage: the real renderer, but it crashes on items that mention the secret."""
    real = render_pdf(settings, ctx)

    def run(item, flags, ref):
        if any(SECRET in s.text for s in item.segments):
            raise ValueError(f"cannot render {SECRET}")
        return real(item, flags, ref)

    return run


def pipeline(tmp_path, detect="detect.presidio", render="render.pdf"):
    path = tmp_path / "faulty.yaml"
    path.write_text(
        "name: faulty\nstages:\n  - use: ingest.files\n  - use: extract.auto\n"
        f"  - use: {detect}\n  - use: decide.policy\n  - use: {render}\n  - use: bundle.disclosure\n"
    )
    return path


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"{SECRET} rang 07700 900111 at noon.")
    (folder / "b.txt").write_text("Ring 07700 900222 about the car.")
    return folder


def test_detect_failure_quarantines_the_source_and_the_batch_goes_on(cli, inputs, tmp_path):
    case = tmp_path / "case"
    result = cli("run", inputs, "--case", case, "--pipeline", pipeline(tmp_path, detect="detect.explode_on_secret"))
    assert result.exit_code == 3
    status = json.loads(cli("status", case, "--json").output)
    (q,) = status["quarantined"]
    assert q["stage"] == "detect" and "a.txt" in q["path"] and "RuntimeError" in q["reason"]
    assert status["items"] == 1 and status["sources_by_status"] == {"done": 1, "quarantined": 1}
    for name in ("work/redactor.log", "audit.jsonl"):
        assert SECRET not in (case / name).read_text()
    assert SECRET not in result.output


def test_render_failure_withholds_the_item_and_never_writes_it(cli, inputs, tmp_path):
    case, out = tmp_path / "case", tmp_path / "out"
    faulty = pipeline(tmp_path, render="render.explode_on_secret")
    assert cli("run", inputs, "--case", case, "--pipeline", faulty).exit_code == 0
    result = cli("bundle", case, "--out", out, "--pipeline", faulty, "--pending", "redact")
    assert result.exit_code == 3 and "withheld" in result.output
    index = {r["item"]: r for r in csv.DictReader(io.StringIO((out / "index.csv").read_text()))}
    assert index["S0001-001"]["status"] == "withheld" and index["S0001-001"]["file"] == ""
    assert index["S0002-001"]["status"] == "disclosed"
    assert sorted(p.name for p in (out / "items").iterdir()) == ["S0002-001.pdf"]
    everything = b"".join(p.read_bytes() for p in out.rglob("*") if p.is_file())
    assert SECRET.encode() not in everything
    assert all(SECRET not in (page.extract_text() or "") for page in PdfReader(out / "bundle.pdf").pages)
    assert cli("verify", out).exit_code == 0
    assert SECRET not in (case / "work" / "redactor.log").read_text()


@register("detect.interrupt_on_secret", kind="detect", settings=DetectSettings)
def detect_interrupt(settings, ctx):
    """Test stage: simulates Ctrl-C while detecting the item that mentions the secret."""
    real = detect_presidio(settings, ctx)

    def run(item):
        if any(SECRET in s.text for s in item.segments):
            raise KeyboardInterrupt
        return real(item)

    return run


def test_an_interrupted_run_resumes_without_duplicates(cli, inputs, tmp_path):
    case = tmp_path / "case"
    (inputs / "c.txt").write_text("Email jo@example.org tomorrow.")
    interrupted = cli("run", inputs, "--case", case, "--pipeline", pipeline(tmp_path, detect="detect.interrupt_on_secret"))
    assert interrupted.exit_code == 130 and "resume" in interrupted.output
    status = json.loads(cli("status", case, "--json").output)
    assert status["sources_by_status"].get("extracted", 0) >= 1 and status["items"] == 3
    resumed = cli("run", inputs, "--case", case)
    assert resumed.exit_code == 0
    after = json.loads(cli("status", case, "--json").output)
    assert after["sources_by_status"] == {"done": 3} and after["items"] == 3
    flags = [line.split(",")[0] for line in cli("flags", case, "--format", "csv").output.splitlines()[1:]]
    assert len(flags) == len(set(flags)) >= 3
    assert cli("audit", "verify", case).exit_code == 0
