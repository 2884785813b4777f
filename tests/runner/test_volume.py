"""Volume: batched detection gives the same flags, identical texts are analysed once per case,
worker processes give the same case as one process, progress is visible without a terminal."""

from __future__ import annotations

import io
import json
import random
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.device_data import chat_line, write_chat
from redactor import paths
from redactor.case import CaseStore
from redactor.detect.stage import DetectSettings, PresidioDetect, detect_presidio, detector_for
from redactor.pipeline import load_pipeline
from redactor.progress import ConsoleReporter
from redactor.runner import run_case
from redactor.stages import StageContext, register


def flag_rows(case: Path) -> list[tuple]:
    with sqlite3.connect(case / "case.db") as conn:
        return conn.execute(
            'SELECT flag_id, item_id, segment_id, start, "end", entity, score, recognizer, explanation, code, proposed, status '
            "FROM flags ORDER BY flag_id"
        ).fetchall()


def test_analyze_many_finds_what_analyze_finds_text_by_text():
    detector = detector_for(DetectSettings())
    rng = random.Random(4)
    texts = [chat_line(i, rng) for i in range(120)] + ["", "   ", "\u200eJo Example at 14 Example Road", "x " * 60_000 + "Jo Example"]
    assert detector.analyze_many(texts) == [detector.analyze(t) for t in texts]


ANALYSED: list[str] = []  # texts the counting stage was asked to analyse


@dataclass(frozen=True)
class CountingDetect:
    real: PresidioDetect

    def __call__(self, item):
        return self.real(item)

    def spans(self, texts):
        ANALYSED.extend(texts)
        return self.real.spans(texts)

    def findings(self, item, spans):
        return self.real.findings(item, spans)


@register("detect.counting", kind="detect", settings=DetectSettings)
def detect_counting(settings, ctx):
    """Test stage: the real detector, counting the texts it analyses."""
    return CountingDetect(detect_presidio(settings, ctx))


def counting_pipeline(tmp_path: Path) -> Path:
    path = tmp_path / "counting.yaml"
    path.write_text(
        "name: counting\nstages:\n  - use: ingest.files\n  - use: extract.auto\n  - use: detect.counting\n  - use: decide.policy\n"
        "  - use: render.pdf\n  - use: bundle.disclosure\n"
    )
    return path


def test_identical_texts_are_analysed_once_per_case_and_flags_match_item_by_item(tmp_path):
    chat = tmp_path / "in" / "chat.txt"
    chat.parent.mkdir()
    write_chat(chat, 300)
    pipeline = load_pipeline(str(counting_pipeline(tmp_path)))
    ANALYSED.clear()
    with CaseStore.create(tmp_path / "case") as store:
        summary = run_case(store, pipeline, [chat.parent], workers=1)
        segments = [s.text for item in store.items() for s in item.segments]
        assert len(ANALYSED) == len(set(ANALYSED)) == len(set(segments)) < len(segments) / 2
        assert summary.items == 301 and summary.flags > 0
        # the same flags as the stage's item-by-item entry point
        detect = pipeline.of_kind("detect").build(StageContext(paths.models_dir(), store.work_dir, store.snapshot()))
        per_item = {(f.segment_id, f.start, f.end, f.entity) for item in store.items() for f in detect(item)}
        assert {(f.segment_id, f.start, f.end, f.entity) for f in store.flags()} == per_item

    # the same lines again in a second export: nothing is analysed again
    ANALYSED.clear()
    copy = tmp_path / "copy.txt"
    copy.write_text(chat.read_text(encoding="utf-8") + "01/04/2024, 09:00 - Sam Owner: one new line\n", encoding="utf-8")
    with CaseStore.open(tmp_path / "case") as store:
        run_case(store, pipeline, [copy], workers=1)
    assert ANALYSED == ["one new line"]


@pytest.mark.slow
def test_worker_processes_build_the_same_case_as_one_process(tmp_path, cli):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 400, seed=3)
    assert cli("run", chat, "--case", tmp_path / "one", "--workers", "1").exit_code == 0
    result = cli("run", chat, "--case", tmp_path / "two", "--workers", "2")
    assert result.exit_code == 0, result.output
    assert flag_rows(tmp_path / "one") == flag_rows(tmp_path / "two") != []


def test_progress_without_a_terminal_is_periodic_lines_with_rate_and_time_left():
    now = [0.0]
    out = io.StringIO()
    reporter = ConsoleReporter(out, interval=10, clock=lambda: now[0])
    reporter.start(1000, "detecting items")
    for _ in range(10):
        now[0] += 2
        reporter.advance("", 50)
    reporter.finish()
    lines = out.getvalue().splitlines()
    assert lines[0] == "detecting items: 0/1000"
    assert lines[1] == "detecting items: 250/1000, 25/s, about 30 s left"
    assert lines[-1] == "detecting items: 500/1000, 25/s, about 20 s left"
    assert len(lines) == 3  # at the start and every 10 s (the end fell on one): not a line per item


def test_the_summary_says_what_was_resumed(tmp_path, cli):
    chat = tmp_path / "chat.txt"
    write_chat(chat, 30)
    assert cli("run", chat, "--case", tmp_path / "case", "--workers", "1").exit_code == 0
    with CaseStore.open(tmp_path / "case") as store:  # as if a run had stopped after its first batch
        source = store.sources()[0]
        key = store.detection_key(load_pipeline(None).hash)
        with store.transaction():
            store.set_source_status(source.source_id, "extracted")
            store.set_detect_progress(source.source_id, key, 20)
    result = cli("run", chat, "--case", tmp_path / "case", "--workers", "1")
    assert "resumed: flags of 20 items kept from the interrupted run; 11 items detected in this run" in result.output
    assert json.loads(cli("status", tmp_path / "case", "--json").output)["sources_by_status"] == {"done": 1}


@pytest.mark.slow
def test_the_same_picture_is_read_once_per_case_across_sources(tmp_path, monkeypatch):
    from PIL.PngImagePlugin import PngInfo

    from redactor.extract import ocr
    from tests.extract.documents.factory import page_image

    image = page_image(["Call Jo Example on 07700 900123"], dpi=150, page=(300, 120))
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(3):  # three files, three SHA-256s, the same pixels (an attachment sent three times)
        info = PngInfo()
        info.add_text("Comment", f"copy {n}")
        image.save(folder / f"copy{n}.png", pnginfo=info)
    calls = []
    real = ocr.tesseract_words
    monkeypatch.setattr(ocr, "tesseract_words", lambda path, settings=ocr.DEFAULT: calls.append(path) or real(path, settings))
    with CaseStore.create(tmp_path / "case") as store:
        summary = run_case(store, load_pipeline(None), [folder], workers=1)
        texts = {item.segments[0].text for item in store.items()}
    assert summary.items == 3 and len(texts) == 1 and "07700" in texts.pop()
    assert len(calls) == 1
