"""Shared fixtures. Everything here is synthetic: invented people, Ofcom drama numbers."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner

from redactor.cli import main

REPO = Path(__file__).resolve().parent.parent

os.environ.setdefault("OMP_THREAD_LIMIT", "1")
# PyMuPDF (under x-ray) is built with an old SWIG that warns on import and again at interpreter exit;
# the warning is about PyMuPDF's bindings, not this project, so it is silenced for the whole run.
SWIG = r"builtin type (SwigPyPacked|SwigPyObject|swigvarlink) has no __module__ attribute"
warnings.filterwarnings("ignore", message=SWIG, category=DeprecationWarning)


@pytest.fixture
def repo() -> Path:
    return REPO


@pytest.fixture
def cli():
    """Invoke the CLI in-process: ``cli("run", str(path), "--case", str(case))`` returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def demo_case_dir() -> Path:
    return REPO / "examples" / "demo-case"
