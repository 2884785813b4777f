"""Real-world corpus: every file of benchmarks/corpus/files through run, accept-all, bundle, verify.

Each file goes into a case of its own (in-process CLI, so models load once), then the
bundle is checked by benchmarks/corpus_checks.py: page count and displayed page sizes
against the original, ink outside the boxes at low resolution, and x-ray. The report has
one line per file (outcome, time, problems) and a table of outcomes by kind:
items disclosed / withheld, sources quarantined (code), pages put up for review, and files
whose output failed a check. Time per file is also given as a ratio to a generated
one-page text PDF run the same way in the same run (shared machines are noisy).

    OMP_THREAD_LIMIT=1 .venv/bin/python -m benchmarks.run corpus
    CORPUS_ONLY=habibi,rotated .venv/bin/python -m benchmarks.run corpus   # a subset by name

The corpus (origin and licence of each file: benchmarks/corpus/LICENSES.md) is skipped with
a reason when its folder is absent; a file whose SHA-256 differs from MANIFEST.tsv is skipped.
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

CORPUS = Path(__file__).parent / "corpus"


@dataclass
class Outcome:
    name: str
    kind: str
    seconds: float = 0.0
    exit_codes: tuple[int, ...] = ()
    items: Counter = field(default_factory=Counter)  # index status -> count
    quarantined: list[str] = field(default_factory=list)  # "E032 reason"
    review_pages: int = 0
    pages: int = 0
    whole_pages: int = 0  # pages withheld as one box (OCR not trusted, accepted)
    notes: list[str] = field(default_factory=list)  # index.csv notes (what was not reproduced)
    unread: list[str] = field(default_factory=list)  # words of the PDF's text layer extraction never read
    problems: list[str] = field(default_factory=list)


def _kind(path: Path) -> str:
    return path.suffix.lower().lstrip(".") or "none"


def corpus_files() -> tuple[list[Path], list[str]]:
    """Files to run and notes on those skipped (absent, changed, or not selected)."""
    manifest = CORPUS / "MANIFEST.tsv"
    if not manifest.is_file() or not (CORPUS / "files").is_dir():
        return [], [f"corpus absent at {CORPUS}: rebuild it with 'python -m benchmarks.corpus_copy MIRROR_ROOT'"]
    wanted = [w for w in os.environ.get("CORPUS_ONLY", "").split(",") if w]
    files, notes = [], []
    for row in csv.DictReader(manifest.open(), delimiter="\t"):
        path = CORPUS / "files" / row["name"]
        if wanted and not any(w in row["name"] for w in wanted):
            continue
        if not path.is_file():
            notes.append(f"{row['name']}: absent")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            notes.append(f"{row['name']}: SHA-256 differs from MANIFEST.tsv, skipped")
        else:
            files.append(path)
    return files, notes


def _cli():
    from click.testing import CliRunner

    from redactor.cli import main

    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=True)


def run_one(cli, path: Path, work: Path) -> Outcome:
    out = Outcome(path.name, _kind(path))
    inbox, case, bundle = work / "in", work / "case", work / "bundle"
    inbox.mkdir(parents=True)
    shutil.copy(path, inbox / path.name)
    started = time.perf_counter()
    codes = [cli("run", inbox, "--case", case).exit_code]
    codes.append(cli("decide", case, "--accept-all", "--reviewer", "bench").exit_code)
    codes.append(cli("bundle", case, "--out", bundle).exit_code)
    verify = cli("verify", bundle) if (bundle / "manifest.json").exists() else None
    codes.append(verify.exit_code if verify else -1)
    out.seconds = time.perf_counter() - started
    out.exit_codes = tuple(codes)
    if verify is not None and verify.exit_code != 0:
        out.problems.append(f"verify exit {verify.exit_code}")
    _read_case(case, out)
    if (bundle / "index.csv").is_file():
        _check_bundle(inbox / path.name, bundle, out)
    elif codes[0] in (0, 3) and not out.quarantined:
        out.problems.append(f"no bundle (exit codes {codes})")
    return out


def _read_case(case: Path, out: Outcome) -> None:
    from benchmarks.corpus_checks import unread_words
    from redactor.case import CaseStore

    if not case.is_dir():
        return
    store = CaseStore.open(case)
    try:
        for q in store.quarantined():
            reason = q.reason.replace(q.path, Path(q.path).name).removeprefix(f"[{q.code}] ")
            out.quarantined.append(f"{q.code} {reason[:110]}")
        out.review_pages = sum(len(item.meta.get("review_pages", ()) or ()) for item in store.items())
        first = [s for s in store.sources() if s.ref == "S0001"]
        if first:
            text = " ".join(seg.text for item in store.items(first[0].source_id) for seg in item.segments)
            out.unread = unread_words(Path(first[0].path), text)
    finally:
        store.close()


def _check_bundle(original: Path, bundle: Path, out: Outcome) -> None:
    from benchmarks.corpus_checks import check_output

    rows = list(csv.DictReader((bundle / "index.csv").open()))
    schedule = list(csv.DictReader((bundle / "schedule.csv").open())) if (bundle / "schedule.csv").is_file() else []
    for number, row in enumerate(rows):
        out.items[row["status"]] += 1
        if not row.get("file"):
            continue
        same = number == 0 and row["item"].endswith("-001") and row["item"].startswith("S0001")
        whole = frozenset(int(r["page"]) for r in schedule if r["item"] == row["item"] and r["entity"] == "OCR_REVIEW")
        out.whole_pages += len(whole)
        check = check_output(original, (bundle / row["file"]).read_bytes(), same, whole)
        if row.get("note"):
            out.notes.append(row["note"][:90])
        out.pages += check.pages
        out.problems += [f"{row['item']}: {p}" for p in check.problems]


def baseline(cli, work: Path) -> float:
    from tests.extract.documents import factory

    pdf = factory.text_pdf(work / "baseline.pdf", [factory.statement(1, lines=30)])
    seconds = []
    for n in range(2):
        one = work / f"b{n}"
        one.mkdir()
        shutil.copy(pdf, one / "generated.pdf")
        seconds.append(run_one(cli, one / "generated.pdf", one / "w").seconds)
    return min(seconds)


def _line(o: Outcome, base: float) -> str:
    items = " ".join(f"{k} {v}" for k, v in sorted(o.items.items())) or "no items"
    quarantined = f"; quarantined {'; '.join(o.quarantined)}" if o.quarantined else ""
    review = f"; review pages {o.review_pages} (withheld whole {o.whole_pages})" if o.review_pages else ""
    review += f"; note: {' / '.join(o.notes)}" if o.notes else ""
    review += f"; UNREAD {len(o.unread)} text-layer words, e.g. {' '.join(o.unread[:6])}" if o.unread else ""
    checks = "checks OK" if not o.problems else "PROBLEMS: " + " | ".join(o.problems[:4])
    return f"  {o.name:52} {o.seconds:6.1f}s ({o.seconds / base:4.1f}x)  {items}{quarantined}{review}; {checks}"


def table(outcomes: list[Outcome]) -> list[str]:
    by_kind: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_kind[o.kind].append(o)
    head = (
        "kind",
        "files",
        "disclosed",
        "withheld",
        "other",
        "quarantined (code x n)",
        "review pp",
        "whole pp",
        "unread",
        "failed",
        "median s",
    )
    lines = ["  {:6} {:>5} {:>9} {:>8} {:>5} {:24} {:>9} {:>8} {:>6} {:>6} {:>8}".format(*head)]
    for kind, group in sorted(by_kind.items()):
        items = sum((o.items for o in group), Counter())
        other = sum(v for k, v in items.items() if k not in ("disclosed", "withheld"))
        codes = Counter(q.split()[0] for o in group for q in o.quarantined)
        row = (
            kind,
            len(group),
            items["disclosed"],
            items["withheld"],
            other,
            ", ".join(f"{c} x{n}" for c, n in sorted(codes.items())) or "-",
            sum(o.review_pages for o in group),
            sum(o.whole_pages for o in group),
            sum(1 for o in group if o.unread),
            sum(1 for o in group if o.problems),
            f"{statistics.median(o.seconds for o in group):.1f}",
        )
        lines.append("  {:6} {:>5} {:>9} {:>8} {:>5} {:24} {:>9} {:>8} {:>6} {:>6} {:>8}".format(*row))
    lines.append(
        "  (items: index.csv status; quarantined: sources, derived ones included; review pp: pages put up for review;"
        " whole pp: pages withheld as one box; unread: files with text-layer words extraction never read;"
        " failed: files whose output failed a check)"
    )
    return lines


def main() -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    files, notes = corpus_files()
    for note in notes:
        print(f"  skipped: {note}")
    if not files:
        print("  corpus: nothing to run")
        return
    cli = _cli()
    with tempfile.TemporaryDirectory(prefix="bench-corpus-") as tmp:
        work = Path(tmp)
        base = baseline(cli, work)
        print(f"  baseline: generated one-page text PDF, run+decide+bundle+verify {base:.1f}s")
        outcomes = []
        for number, path in enumerate(files):
            outcome = run_one(cli, path, work / f"f{number}")
            print(_line(outcome, base), flush=True)
            outcomes.append(outcome)
            shutil.rmtree(work / f"f{number}", ignore_errors=True)
    print("  outcomes by kind:")
    for line in table(outcomes):
        print(line)
    total = sum(o.seconds for o in outcomes)
    print(f"  {len(outcomes)} files in {total:.0f}s; {sum(1 for o in outcomes if o.problems)} with problems")


if __name__ == "__main__":
    main()
