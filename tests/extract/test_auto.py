"""The ``extract.auto`` stage picks the first extractor that accepts a file (``redactor.extract.accepting``, the one
rule the file-system reader and the tests use too) and leaves out those a pipeline disables."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.errors import UnsupportedInput
from redactor.extract.auto import ExtractSettings, extract_auto
from redactor.records import Item
from redactor.stages import StageContext
from tests.extract.device.generated.snapchat import arroyo_db
from tests.extract.device.helpers import pick, source_for


def _run(path: Path, work: Path, disabled: tuple[str, ...] = ()) -> list:
    run = extract_auto(ExtractSettings(disabled=disabled), StageContext(models_dir=Path("."), work_dir=work))
    return list(run(source_for(path), path))


def test_the_first_extractor_that_accepts_reads_the_file_and_a_disabled_one_is_passed_over(tmp_path):
    path = tmp_path / "arroyo.db"
    arroyo_db(path)
    assert pick(path) == "snapchat-android-db"
    read = _run(path, tmp_path / "work")
    assert any(isinstance(r, Item) and r.title == "Snapchat message" for r in read)
    # disabled: the next that accepts takes it (unread names the app and refuses it), never the disabled reader
    with pytest.raises(UnsupportedInput, match="Snapchat"):
        _run(path, tmp_path / "work2", disabled=("snapchat-android-db",))


def test_a_file_no_extractor_accepts_is_unsupported(tmp_path):
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(UnsupportedInput, match="unsupported file type"):
        _run(path, tmp_path / "work")
