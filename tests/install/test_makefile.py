"""`make install`'s system step on a fresh machine: a missing package is installed through apt, as root or not.

The recipe runs for real under GNU make, with a PATH that holds only stand-ins: `apt-get` and `sudo` record
their arguments, so nothing is installed, and the commands the recipe looks for (tesseract, catdoc) are absent.
As root the recipe calls apt-get directly, with no sudo; the first fresh-machine failure was exactly there
(`DEBIAN_FRONTEND=...: not found`, the assignment read as a command after an empty `$SUDO`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")


def _stub(folder: Path, name: str, body: str) -> None:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)


def _system_deps(tmp_path: Path, uid: int) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """Run `make system-deps` with stand-ins on PATH; return the result and the commands they recorded."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls.log"
    _stub(bin_dir, "apt-get", f'echo "apt-get DEBIAN_FRONTEND=$DEBIAN_FRONTEND $*" >> {calls}')
    _stub(bin_dir, "sudo", f'echo "sudo $1" >> {calls}; exec env "$@"')  # like sudo, takes VAR=value first
    _stub(bin_dir, "id", f'[ "$1" = "-u" ] && echo {uid} || exec /usr/bin/id "$@"')
    os.symlink(shutil.which("env") or "/usr/bin/env", bin_dir / "env")
    result = subprocess.run(
        [shutil.which("make") or "make", "-s", "-C", str(REPO), "system-deps"],
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []


@pytest.mark.parametrize("uid", [0, 1000], ids=["root", "user"])
def test_missing_system_packages_are_installed_through_apt_without_prompts(tmp_path: Path, uid: int) -> None:
    result, calls = _system_deps(tmp_path, uid)
    assert result.returncode == 0, result.stderr
    installs = [c for c in calls if c.startswith("apt-get") and " install " in c]
    assert any("tesseract-ocr tesseract-ocr-eng" in c for c in installs), calls
    assert any(c.endswith(" catdoc") for c in installs), calls
    assert all("DEBIAN_FRONTEND=noninteractive" in c for c in installs), calls
    assert all("DPkg::Lock::Timeout=300" in c for c in installs), calls
    used_sudo = any(c.startswith("sudo ") for c in calls)
    assert used_sudo == (uid != 0), calls
