"""One case built from the demo material (synthetic) and bundled once, shared by the bundle tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.case import CaseStore
from redactor.cli import main
from tests.conftest import REPO

IRR_REF, SEN_REF = "S0004-001", "S0005-001"  # officer-notes.txt, scanned-note.png


def invoke(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(case folder, bundle folder) for the demo case with its roster, every flag accepted."""
    root = tmp_path_factory.mktemp("bundle")
    inputs = root / "inputs"
    shutil.copytree(REPO / "examples" / "demo-case", inputs)
    case, out = root / "case", root / "out"
    invoke("run", inputs, "--case", case, "--roster", REPO / "examples" / "demo-roster.yaml")
    invoke("decide", case, "--accept-all", "--reviewer", "DC Test")
    with CaseStore.open(case, actor="DC Test") as store:  # one item not relevant (IRR), one sensitive (SEN)
        ids = {ref: item_id for item_id, ref in store.item_refs().items()}
        store.set_item_scope(ids[IRR_REF], "out", actor="DC Test", reason="about an unrelated burglary")
        store.set_item_scope(ids[SEN_REF], "sensitive", actor="DC Test", reason="names a covert source")
    invoke("bundle", case, "--out", out, "--by", "DC Builder")
    return case, out
