"""Pipelines load from YAML, resolve registered stages, validate settings and order."""

from __future__ import annotations

import pytest

from redactor.errors import ConfigError
from redactor.pipeline import load_pipeline
from redactor.stages import KINDS, lookup, registered

GOOD = """
name: t
stages:
  - use: ingest.files
  - use: extract.auto
  - use: detect.presidio
  - use: decide.policy
  - use: render.pdf
    with: {dpi: %d}
  - use: bundle.disclosure
"""


def write(tmp_path, text, name="p.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_default_pipeline_has_every_kind_in_order():
    pipeline = load_pipeline(None)
    assert [s.spec.kind for s in pipeline.stages] == list(KINDS)
    assert len(pipeline.hash) == 64


def test_hash_follows_settings(tmp_path):
    a = load_pipeline(write(tmp_path, GOOD % 150, "a.yaml"))
    b = load_pipeline(write(tmp_path, GOOD % 150, "b.yaml"))
    c = load_pipeline(write(tmp_path, GOOD % 200, "c.yaml"))
    assert a.hash == b.hash != c.hash


@pytest.mark.parametrize(
    "text, message",
    [
        (GOOD.replace("extract.auto", "extract.nope"), "unknown stage"),
        (GOOD % 5, "dpi"),
        (GOOD.replace("    with: {dpi: %d}\n", "    with: {colour: red}\n"), "colour"),
        (GOOD.replace("  - use: decide.policy\n", "") % 150, "missing stage kinds: decide"),
        ("name: t\nstages:\n  - use: render.pdf\n  - use: ingest.files\n", "order"),
        ("name: [unclosed\n", "not valid YAML"),
        ("stages: []\n", "name"),
    ],
)
def test_bad_pipelines_fail_before_any_input(tmp_path, text, message):
    with pytest.raises(ConfigError, match=message):
        load_pipeline(write(tmp_path, text.replace("%d", "150") if "%d" in text else text))


def test_unknown_pipeline_name_lists_known_ones():
    with pytest.raises(ConfigError) as info:
        load_pipeline("no-such-pipeline")
    assert "disclosure" in str(info.value)


def test_registry_lookup_by_name_and_version():
    assert lookup("render.pdf").ref == lookup("render.pdf@1").ref == "render.pdf@1"
    assert {s.kind for s in registered()} == set(KINDS)
