"""A Cellebrite report.xml that stops being well-formed XML at a line (a partly copied report, or one damaged there)
keeps what came before: the rest is refused as one part ('report line 1007 to the end'); before, the whole report was
refused and every message before the cut lost. A report with nothing read before the cut is still refused whole."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from benchmarks.device_data import write_report
from redactor.errors import CorruptInput
from redactor.extract.device import ufdr
from redactor.records import CaseSnapshot, Item, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import source_for


def _read(path: Path, work: Path) -> list:
    source = dataclasses.replace(source_for(path), source_id="5" * 64)  # one id for the cut copy and the whole report
    return list(ufdr.extract_ufdr(source, path, StageContext(work / "models", work, CaseSnapshot(), None)))


def _shown(i: Item) -> tuple:
    return i.locator, [(s.field, s.text) for s in i.segments], i.device.to_json()


def test_a_report_cut_short_is_read_up_to_the_cut(tmp_path):
    (tmp_path / "whole").mkdir()
    whole = write_report(tmp_path / "whole" / "report.xml", 200)
    data = whole.read_bytes()
    cut = tmp_path / "cut" / "report.xml"
    cut.parent.mkdir()
    cut.write_bytes(data[: len(data) // 2])
    line = data[: len(data) // 2].count(b"\n") + 1
    records = _read(cut, tmp_path / "w2")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [(r.locator, r.code) for r in refused] == [(f"report line {line} to the end", "E033")]
    assert refused[0].reason.startswith(f"[E033] {cut}: the report is not well-formed XML at line {line}")
    items = [i for i in records if isinstance(i, Item)]
    expected = [i for i in _read(whole, tmp_path / "w1") if isinstance(i, Item)]
    assert 0 < len(items) < len(expected)
    assert [_shown(i) for i in items] == [_shown(i) for i in expected][: len(items)]
    assert all(i.kind == "message" for i in items)  # the open chat's own item is after the cut


def test_a_report_cut_before_anything_was_read_is_refused_whole(tmp_path):
    (tmp_path / "whole").mkdir()
    whole = write_report(tmp_path / "whole" / "report.xml", 200)
    cut = tmp_path / "cut" / "report.xml"
    cut.parent.mkdir()
    cut.write_bytes(whole.read_bytes()[:400])
    with pytest.raises(CorruptInput, match="not well-formed XML at line"):
        _read(cut, tmp_path / "w")
