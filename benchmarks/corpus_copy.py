"""Copy the real-world corpus for bench_corpus from local mirrors of its public repositories.

The files themselves are checked in under benchmarks/corpus/files/ (under 15 MB); this
script shows where each came from and rebuilds the folder, its MANIFEST.tsv (name, repo,
commit, path, licence, sha256) and LICENSES.md from ``sources.txt``. A mirror is a bare
git directory per repository, e.g. /work/.mirror/py-pdf+sample-files/repo.

    .venv/bin/python -m benchmarks.corpus_copy /work/.mirror
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent / "corpus"
PREFIX = {"py-pdf/sample-files": "pypdf", "apache/tika": "tika", "python-openxml/python-docx": "pydocx"}
LICENCE_TEXT = {
    "CC-BY-SA-4.0": "Creative Commons Attribution-ShareAlike 4.0 (stated in the repository README)",
    "Apache-2.0": "Apache License 2.0 (the repository's LICENSE)",
    "MIT": "MIT (the repository's LICENSE)",
}


def sources() -> list[tuple[str, str, str, str]]:
    rows = []
    for line in (HERE / "sources.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            repo, commit, path, licence = (part.strip() for part in line.split("|"))
            rows.append((repo, commit, path, licence))
    return rows


def local_name(repo: str, path: str) -> str:
    return f"{PREFIX[repo]}-{Path(path).name}"


def copy(mirror_root: Path) -> None:
    files = HERE / "files"
    files.mkdir(exist_ok=True)
    manifest = ["name\trepo\tcommit\tpath\tlicence\tsha256"]
    for repo, commit, path, licence in sources():
        git_dir = mirror_root / repo.replace("/", "+") / "repo"
        data = subprocess.run(["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], check=True, capture_output=True).stdout
        name = local_name(repo, path)
        (files / name).write_bytes(data)
        manifest.append(f"{name}\t{repo}\t{commit}\t{path}\t{licence}\t{hashlib.sha256(data).hexdigest()}")
    (HERE / "MANIFEST.tsv").write_text("\n".join(manifest) + "\n")
    _licences(manifest[1:])


def _licences(rows: list[str]) -> None:
    lines = [
        "# Corpus for benchmarks/bench_corpus.py: origin and licence of every file",
        "",
        "Public test files from open-source projects' test corpora; no file holds data about real",
        "private people. Each row: local name, repository at commit, path, licence. The sha256 of",
        "each file is in MANIFEST.tsv. Rebuild with `python -m benchmarks.corpus_copy MIRROR_ROOT`.",
        "",
    ]
    for key, text in LICENCE_TEXT.items():
        lines.append(f"- {key}: {text}.")
    lines += ["", "| file | origin | licence |", "|---|---|---|"]
    for row in rows:
        name, repo, commit, path, licence, _ = row.split("\t")
        lines.append(f"| {name} | github.com/{repo} @ {commit[:12]} `{path}` | {licence} |")
    (HERE / "LICENSES.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    copy(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/.mirror"))
