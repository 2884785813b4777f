"""The same sources, decisions and settings give byte-identical bundle files."""

from __future__ import annotations

import pytest

from tests.bundle.conftest import invoke

pytestmark = pytest.mark.slow

REPRODUCIBLE = ("bundle.pdf", "schedule.csv", "schedule_summary.csv", "index.csv", "mg6c.csv", "mg6d.csv", "not_processed.csv")


def test_a_rebuild_is_byte_identical(built, tmp_path):
    case, out = built
    again = tmp_path / "again"
    output = invoke("bundle", case, "--out", again, "--by", "DC Builder")
    timed = next(line for line in output.splitlines() if line.startswith("time: "))  # where the time went, phase by phase
    phases = [part.rsplit(" ", 2)[0] for part in timed.removeprefix("time: ").split(", ")]
    assert phases == ["checks", "rendering", "writing", "leak scan", "sealing"]
    names = [*REPRODUCIBLE, *sorted(p.relative_to(out).as_posix() for p in (out / "items").glob("*.pdf"))]
    assert len(names) > len(REPRODUCIBLE)
    for name in names:
        _same(out / name, again / name)
    assert sorted(p.name for p in (again / "items").iterdir()) == sorted(p.name for p in (out / "items").iterdir())


def test_one_process_and_a_pool_give_the_same_bundle(built, tmp_path):
    case, _ = built
    one, pool = tmp_path / "one", tmp_path / "pool"
    invoke("bundle", case, "--out", one, "--by", "DC Builder", "--workers", "1")
    invoke("bundle", case, "--out", pool, "--by", "DC Builder", "--workers", "3")
    names = [*REPRODUCIBLE, *sorted(p.relative_to(one).as_posix() for p in (one / "items").glob("*.pdf"))]
    for name in names:
        _same(one / name, pool / name)


def test_items_split_into_parts_are_the_same_in_one_process_and_a_pool(built, tmp_path, monkeypatch):
    """Every item of more than one page renders as one-page parts (render/parts.py), joined: same bytes either way."""
    from redactor.render import parts

    case, out = built
    monkeypatch.setattr(parts, "PART_PAGES", 1)
    one, pool = tmp_path / "one", tmp_path / "pool"
    invoke("bundle", case, "--out", one, "--by", "DC Builder", "--workers", "1")
    invoke("bundle", case, "--out", pool, "--by", "DC Builder", "--workers", "3")
    names = [*REPRODUCIBLE, *sorted(p.relative_to(one).as_posix() for p in (one / "items").glob("*.pdf"))]
    for name in names:
        _same(one / name, pool / name)
    split = [n for n in names[len(REPRODUCIBLE) :] if (one / n).read_bytes() != (out / n).read_bytes()]
    assert split, "no item was rendered in parts"
    whole, parted = _index(out), _index(one)  # the same pages and boxes as rendered whole
    assert {k: (r["pages"], r["redactions"], r["bundle_pages"]) for k, r in whole.items()} == {
        k: (r["pages"], r["redactions"], r["bundle_pages"]) for k, r in parted.items()
    }


def _same(first, second) -> None:
    """The two files are byte-identical; if not, the failure shows where they first differ and the bytes around it."""
    a, b = first.read_bytes(), second.read_bytes()
    if a == b:
        return
    at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    differing = sum(x != y for x, y in zip(a, b, strict=False))
    raise AssertionError(
        f"{first.name}: {len(a)} and {len(b)} bytes, {differing} differing, the first at {at}:\n"
        f"  {a[max(0, at - 120) : at + 60]!r}\n  {b[max(0, at - 120) : at + 60]!r}"
    )


def _index(out):
    import csv

    with open(out / "index.csv", newline="", encoding="utf-8") as handle:
        return {row["item"]: row for row in csv.DictReader(handle)}
