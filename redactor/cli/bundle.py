"""Commands on bundles: bundle (write one), verify, show (an item by its reference), diff."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from redactor.cli.common import EXIT_QUARANTINED, handle_errors, open_case
from redactor.progress import ConsoleReporter


@click.command()
@click.argument("case_dir", type=click.Path(path_type=Path))
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="New folder for the bundle.")
@click.option("--pipeline", "pipeline_name", default=None, help="Pipeline name or YAML file [default: disclosure].")
@click.option(
    "--pending",
    type=click.Choice(["refuse", "redact"]),
    default="refuse",
    show_default=True,
    help="What to do with flags nobody decided: refuse to bundle, or redact them.",
)
@click.option("--by", "built_by", default="", help="Who builds the bundle, printed on its cover (e.g. 'DC Smith').")
@click.option("--pseudonyms", is_flag=True, help="Show each redacted person as 'Person A', 'Person B', ... (key kept in the case).")
@click.option(
    "--since",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="An earlier bundle: write only new or changed items, with a cumulative schedule.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=0),
    default=0,
    help="Render processes [default: 0, every core from 16 items to render, else this process].",
)
@handle_errors
def bundle(
    case_dir: Path, out: Path, pipeline_name: str | None, pending: str, built_by: str, pseudonyms: bool, since: Path | None, workers: int
) -> None:
    """Write the redacted disclosure bundle: items/*.pdf, schedule.csv, index.csv, manifest.json, audit.jsonl.

    Example:

    \b
        redactor bundle case1 --out bundle1 && redactor verify bundle1
    """
    from redactor.bundling import build_bundle
    from redactor.pipeline import load_pipeline

    store = open_case(case_dir)
    summary = build_bundle(
        store,
        load_pipeline(pipeline_name),
        out,
        pending=pending,
        reporter=ConsoleReporter(),
        built_by=built_by,
        pseudonyms=pseudonyms,
        since=since,
        workers=workers or None,
    )
    click.echo(f"bundle written to {summary.out}: {summary.items} items, {summary.redactions} redactions, {summary.withheld} withheld")
    click.echo("time: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.timings))
    for failure in summary.failures:
        click.echo(f"withheld: {failure}", err=True)
    if summary.not_processed:
        click.echo(
            f"not in the bundle: {summary.not_processed} quarantined inputs, listed in not_processed.csv "
            "(see 'redactor status CASE' for the reasons)",
            err=True,
        )
    if summary.failures:
        sys.exit(EXIT_QUARANTINED)


@click.command()
@click.argument("bundle_dir", type=click.Path(path_type=Path))
@click.option(
    "--case",
    "case_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Also scan every bundle file, and OCR every page that draws a picture, for every value this case decided to redact.",
)
@handle_errors
def verify(bundle_dir: Path, case_dir: Path | None) -> None:
    """Check a bundle (the folder 'redactor bundle --out' wrote) against its manifest and audit chain.

    With --case, also scan every bundle file for every value the case decided to redact, and read
    every PDF page that draws a picture with tesseract (a picture of a value fails too). Pictures
    the case has read before (the scan 'redactor bundle' makes before sealing) are not read again.
    Exit 0 only if all holds; otherwise exit 5 with every problem listed.

    Example:

    \b
        redactor verify bundle1 --case case1
    """
    from redactor.bundle.chrome import is_chrome_word
    from redactor.bundle.leaks import case_watchlist, scan_bundle
    from redactor.bundle.verify import verify_bundle
    from redactor.errors import LeakError, VerificationError

    failed: VerificationError | None = None
    try:
        result = verify_bundle(bundle_dir)
        click.echo(f"OK: {result['files']} files match the manifest; audit chain of {result['audit_events']} events holds")
    except VerificationError as exc:  # the leak scan still runs: every failure is reported
        failed = exc
    if case_dir is not None:
        store = open_case(case_dir)
        watch = case_watchlist(store)
        leaks = scan_bundle(bundle_dir, watch, cache=store)  # pictures the case read before (bundle's own scan) are not read again
        for leak in leaks:
            click.echo(f"leak: {leak.file} ({leak.where}): {leak.what}", err=True)
        if not leaks:
            click.echo(f"OK: none of {len(watch)} redacted values or names is in any bundle file or picture")
            labels = sum(is_chrome_word(w.norm) for w in watch)
            if labels:  # say what the scan could not tell apart, never which values
                click.echo(
                    f"note: {labels} of them are also words the bundle prints itself (such as an item's kind or a heading); "
                    "where the bundle prints them they were not counted as leaks"
                )
        elif failed is None:
            failed = LeakError(f"{len(leaks)} leaks in the bundle, first in {leaks[0].file} ({leaks[0].where})")
    if failed is not None:
        raise failed


@click.command()
@click.argument("case_dir", type=click.Path(path_type=Path))
@click.argument("ref")
@click.option("--values", is_flag=True, help="Also print each flagged value (off by default: values stay out of terminals).")
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@handle_errors
def show(case_dir: Path, ref: str, values: bool, as_json: bool) -> None:
    """Show an item by its bundle reference: source, locator, status and flags (ids, codes, offsets).

    Example:

    \b
        redactor show case1 S0003-001
    """
    from redactor.bundle.show import item_report, report_lines

    report = item_report(open_case(case_dir), ref, values=values)
    click.echo(json.dumps(report, indent=2) if as_json else "\n".join(report_lines(report)))


@click.command()
@click.argument("first", type=click.Path(file_okay=False, path_type=Path))
@click.argument("second", type=click.Path(file_okay=False, path_type=Path))
@handle_errors
def diff(first: Path, second: Path) -> None:
    """List what changed between two bundles (items, statuses, boxes per code), never a redacted value.

    Example:

    \b
        redactor diff bundle1 bundle2
    """
    from redactor.bundle.diff import diff_bundles

    lines = diff_bundles(first, second)
    click.echo("\n".join(lines) if lines else "no differences in items or redactions")


COMMANDS = (bundle, verify, show, diff)
