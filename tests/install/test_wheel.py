"""The wheel is the product: built from this tree, installed into a fresh venv, run from another folder.

No network: the wheel is built with the project venv's pinned setuptools (no build isolation) and installed
with --no-index --no-deps; the fresh venv sees the project venv's dependencies (spaCy model included) through
a .pth line, not through the source tree, so pipelines/, models/ and review assets must come from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHAT = "01/03/2024, 09:15 - Alex Witness: Ring me on 07700 900123 tonight\n01/03/2024, 09:16 - Sam Owner: ok see you there\n"


def _run(*args: str | Path, cwd: Path, ok: tuple[int, ...] = (0,)) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDACTOR_", "PYTHON"))}
    result = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode in ok, f"{args}: exit {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh venv with only the wheel installed in it; returns its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", tmp / "dist", REPO, cwd=tmp)
    wheel = next((tmp / "dist").glob("redactor-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for needed in ("redactor/_pipelines/disclosure.yaml", "redactor/_models/nlp_engine.yaml", "redactor/review/static/review.js"):
        assert needed in names, needed
    venv.EnvBuilder(with_pip=True).create(tmp / "venv")
    bin_dir = tmp / "venv" / "bin"
    site = Path(_run(bin_dir / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp).stdout.strip())
    (site / "project-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")  # dependencies only, appended last
    _run(bin_dir / "python", "-m", "pip", "install", "-q", "--no-index", "--no-deps", wheel, cwd=tmp)
    return bin_dir


@pytest.mark.slow
def test_wheel_runs_the_pipeline_from_another_folder(installed, tmp_path):
    where = _run(
        installed / "python", "-c", "import redactor, redactor.paths as p; print(redactor.__file__); print(p.models_dir())", cwd=tmp_path
    )
    module, models = where.stdout.splitlines()
    assert Path(module).is_relative_to(installed.parent) and Path(models).is_relative_to(installed.parent), where.stdout
    assert not Path(module).is_relative_to(REPO)
    exhibits = tmp_path / "exhibits"
    exhibits.mkdir()
    (exhibits / "_chat.txt").write_text(CHAT)
    redactor = installed / "redactor"
    _run(redactor, "run", "exhibits", "--case", "case1", cwd=tmp_path)
    _run(redactor, "decide", "case1", "--accept-all", "--reviewer", "DC Test", cwd=tmp_path)
    _run(redactor, "bundle", "case1", "--out", "bundle1", cwd=tmp_path)
    assert "OK" in _run(redactor, "verify", "bundle1", cwd=tmp_path).stdout.upper()
    assert (tmp_path / "bundle1" / "manifest.json").is_file() and list((tmp_path / "bundle1" / "items").glob("*.pdf"))
    assert (tmp_path / "case1").stat().st_mode & 0o077 == 0 and (tmp_path / "bundle1").stat().st_mode & 0o077 == 0  # owner only
