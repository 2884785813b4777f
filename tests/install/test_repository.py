"""What the repository tracks can be cloned anywhere: no symbolic link to a place outside it (a developer's virtual
environment linked into a worktree and committed once, 4bbb6fa: a fresh clone's ``make install`` met a dangling
``.venv``, and every worktree that took that commit lost its environment to it), and nothing under the folders that
``make install`` or a run writes."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = (".venv", "build", ".pytest_cache", ".hypothesis", ".ruff_cache")  # made by make install, a run or the tests


def _tracked() -> list[tuple[str, str]]:
    """(mode, path) of every file git tracks here."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an installed copy or an unpacked archive): nothing tracked to check")
    done = subprocess.run(["git", "-c", "safe.directory=*", "-C", str(ROOT), "ls-files", "-s", "-z"], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"git cannot list this checkout: {done.stderr.decode(errors='replace').strip()[:200]}")
    out = done.stdout
    return [(entry.split(b" ", 1)[0].decode(), entry.split(b"\t", 1)[1].decode()) for entry in out.split(b"\0") if entry]


def test_no_tracked_symbolic_link_points_outside_the_repository():
    links = [path for mode, path in _tracked() if mode == "120000"]
    outside = []
    for path in links:
        target = os.readlink(ROOT / path) if (ROOT / path).is_symlink() else ""
        if os.path.isabs(target) or not (ROOT / path).parent.joinpath(target).resolve().is_relative_to(ROOT):
            outside.append(f"{path} -> {target}")
    assert not outside, outside


def test_nothing_is_tracked_under_the_folders_an_install_or_a_run_writes():
    assert not [path for _, path in _tracked() if path.split("/", 1)[0] in WRITTEN]
