"""Files found inside a source (attachments, embedded pictures) go through the ingest stage like any input."""

from __future__ import annotations

import random
import zipfile

import docx
import yaml

from redactor import paths
from redactor.case import CaseStore
from redactor.pipeline import load_pipeline
from redactor.runner import run_case


def _pipeline_with_limit(tmp_path, mb: int):
    raw = yaml.safe_load((paths.pipelines_dir() / "disclosure.yaml").read_text(encoding="utf-8"))
    for stage in raw["stages"]:
        if stage["use"].startswith("ingest."):
            stage.setdefault("with", {})["max_file_mb"] = mb
    path = tmp_path / "limited.yaml"
    path.write_text(yaml.safe_dump(raw), encoding="utf-8")
    return load_pipeline(str(path))


def test_an_attachment_over_the_size_limit_is_quarantined_and_the_batch_goes_on(tmp_path):
    letter = tmp_path / "in" / "letter.docx"
    letter.parent.mkdir()
    document = docx.Document()
    document.add_paragraph("Statement of a witness")
    document.save(letter)
    rng = random.Random(9)
    big = bytes(rng.choice(b"ab") for _ in range((1 << 20) + 4096))  # just over 1 MB; compresses well below it
    with zipfile.ZipFile(letter, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/big.bin", big)
        zf.writestr("word/media/note.txt", "a small embedded note")
    assert letter.stat().st_size < 1 << 20
    with CaseStore.create(tmp_path / "case") as store:
        summary = run_case(store, _pipeline_with_limit(tmp_path, 1), [letter])
        (q,) = summary.quarantined
        assert q.code == "E036" and "over the 1 MB limit" in q.reason and q.path == "S0001:word/media/big.bin"
        assert [(s.ref, s.name) for s in store.sources()] == [("S0001", "letter.docx"), ("S0002", "note.txt")]
        assert store.quarantined() == [q]
