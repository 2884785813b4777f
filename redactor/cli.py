"""The command line: parse arguments, call the library, print results.

Every command goes through :func:`handle_errors`: a :class:`RedactorError` becomes one
line on stderr and its exit code; an unexpected error becomes one line too, with the
traceback in the case's log file, never on the screen.
"""

from __future__ import annotations

import csv
import functools
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from redactor import __version__
from redactor.errors import RedactorError, UsageError
from redactor.logs import safe_exception
from redactor.progress import ConsoleReporter

F = TypeVar("F", bound=Callable[..., Any])
EXIT_QUARANTINED = 3
EXIT_INTERNAL = 70
# case folders, bundles, logs and derived files are readable by their owner only (0700 folders, 0600 files)
OWNER_ONLY = 0o077


def handle_errors(fn: F) -> F:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except RedactorError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(exc.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted: the case is consistent; run the same command again to resume", err=True)
            sys.exit(130)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except BrokenPipeError:  # output piped into 'head' and the like: stop quietly
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:  # noqa: BLE001
            logging.getLogger("redactor").error("internal error: %s", safe_exception(exc))
            click.echo(
                f"internal error: {type(exc).__name__}; details (no case data) are in CASE/work/redactor.log. Please report it.", err=True
            )
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


def setup_logging(log_file: Path | None, verbose: bool) -> None:
    root = logging.getLogger("redactor")
    root.setLevel(logging.INFO)
    root.handlers.clear()
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        root.addHandler(handler)
    if verbose:
        stream = logging.StreamHandler(sys.stderr)
        stream.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
        root.addHandler(stream)
    for noisy in ("presidio-analyzer", "presidio_analyzer", "spacy"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def _open_case(case_dir: Path, actor: str = "system") -> Any:
    from redactor.case import CaseStore

    store = CaseStore.open(case_dir, actor=actor)
    setup_logging(store.work_dir / "redactor.log", verbose=False)
    return store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="redactor")
def main() -> None:
    """redactor: flag, review and redact personal data in disclosure material.

    Offline. A case is a folder with a SQLite database and a hash-chained audit log.

    Example:

    \b
        redactor run statements/ --case case1
        redactor decide case1 --accept-all --reviewer "DC Smith"
        redactor bundle case1 --out bundle1
        redactor verify bundle1
    """
    os.umask(OWNER_ONLY)


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--case", "case_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Case folder (created if new).")
@click.option("--pipeline", "pipeline_name", default=None, help="Pipeline name in pipelines/ or a YAML file [default: disclosure].")
@click.option(
    "--roster",
    "roster_file",
    default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="YAML list of case parties (name, role, aliases, phones, emails, addresses).",
)
@click.option(
    "--workers", type=click.IntRange(min=1), default=None, help="Detection worker processes (default: every core; 1: in this process)."
)
@click.option("--batch-items", type=click.IntRange(min=1), default=None, hidden=True, help="Items per batch (tests).")
@click.option("--verbose", "-v", is_flag=True, help="Also print diagnostics (ids and counts only).")
@handle_errors
def run(
    sources: tuple[Path, ...],
    case_dir: Path,
    pipeline_name: str | None,
    roster_file: Path | None,
    workers: int | None,
    batch_items: int | None,
    verbose: bool,
) -> None:
    """Ingest SOURCES (files or folders) into the case and detect personal data.

    Exits 0 when every input was processed, 3 when some were quarantined.
    Re-running on the same sources adds nothing twice and resumes an interrupted run.

    Example:

    \b
        redactor run exhibits/ --case case1
        redactor run exhibits/ --case case1 --roster roster.yaml
        redactor run phone.ufdr --case case1 --workers 4
    """
    from redactor.case import CaseStore
    from redactor.pipeline import load_pipeline
    from redactor.runner import run_case

    if not any(s.exists() for s in sources):  # nothing to run on: a typo, not a batch with one bad input
        missing = ", ".join(map(str, sources))
        raise UsageError(f"no such file or folder: {missing}", hint="check the paths; nothing was created or changed")
    pipeline = load_pipeline(pipeline_name)
    if roster_file is not None:
        from redactor.decide.roster import load_roster

        load_roster(roster_file)  # validate before the case is touched
    store = CaseStore.create(case_dir)
    setup_logging(store.work_dir / "redactor.log", verbose)
    if roster_file is not None:
        from redactor.decide.roster import store_roster

        click.echo(f"roster: {store_roster(store, roster_file)} case parties")
    summary = run_case(store, pipeline, list(sources), ConsoleReporter(), workers=workers, batch_items=batch_items)
    click.echo(
        f"{summary.sources_new} sources processed, {summary.sources_done_before} already done, "
        f"{summary.items} items, {summary.flags} flags, {len(summary.quarantined)} quarantined"
    )
    if summary.items_resumed:
        click.echo(
            f"resumed: flags of {summary.items_resumed} items kept from the interrupted run; "
            f"{summary.items - summary.items_resumed} items detected in this run (batches in flight when it stopped were redone)"
        )
    click.echo(f"next: redactor flags {case_dir}   or   redactor review {case_dir} --reviewer NAME")
    if summary.quarantined:
        sys.exit(EXIT_QUARANTINED)


@main.command()
@click.argument("case_dir", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print machine-readable JSON.")
@handle_errors
def status(case_dir: Path, as_json: bool) -> None:
    """Show counts for a case: sources, items, flags by entity and status, quarantined inputs.

    Example:

    \b
        redactor status case1 --json
    """
    from redactor.decisions.values import value_status

    store = _open_case(case_dir)
    counts = {**store.counts(), **value_status(store)}
    if as_json:
        click.echo(json.dumps(counts, indent=2, sort_keys=True))
        return
    click.echo(f"sources: {counts['sources']}  items: {counts['items']}  flags: {counts['flags']}  decisions: {counts['decisions']}")
    click.echo("flags by status: " + ", ".join(f"{k} {v}" for k, v in counts["flags_by_status"].items()))
    click.echo("values by status: " + (", ".join(f"{k} {v}" for k, v in counts["values_by_status"].items()) or "none"))
    for entity, by in sorted(counts["flags_by_entity"].items()):
        click.echo(f"  {entity:<16} " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
    for q in counts["quarantined"]:
        click.echo(f"quarantined ({q['stage']}, {q['code']}): {q['reason']}")
    for i in counts["inconsistent_values"]:
        click.echo(
            f"inconsistent: value {i['value_id']} ({i['entity']}) is {i['usual']} in {i['usual_count']} places "
            f"and not in {i['exceptions']} ({i['unexplained']} without a reason)"
        )


FLAG_FIELDS = (
    "flag_id",
    "item",
    "page",
    "field",
    "start",
    "end",
    "entity",
    "category",
    "party",
    "score",
    "recognizer",
    "code",
    "proposed",
    "status",
    "version",
    "decision",
    "reason",
)


@main.command()
@click.argument("case_dir", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option(
    "--status", "status_filter", type=click.Choice(["pending", "redact", "keep"]), default=None, help="Only flags with this status."
)
@click.option("--with-text", is_flag=True, help="Include the flagged text (for a reviewer's spreadsheet; handle as case material).")
@handle_errors
def flags(case_dir: Path, fmt: str, status_filter: str | None, with_text: bool) -> None:
    """List the flags of a case. The CSV can be edited and imported with 'decide --import'.

    Fill the 'decision' column with accept, reject, redact or keep (and 'reason', 'code').

    Example:

    \b
        redactor flags case1 --format csv > queue.csv
    """
    from redactor.decisions.rows import flag_rows

    rows = flag_rows(_open_case(case_dir), status_filter, with_text)
    fields = FLAG_FIELDS + (("text",) if with_text else ())
    if fmt in ("jsonl", "csv"):
        _echo_records(rows, fmt, fields)
    else:
        click.echo(f"{'flag_id':<17}{'item':<11}{'page':>4}  {'entity':<16}{'score':>5}  {'code':<5}{'proposed':<9}{'status':<8}")
        for r in rows:
            click.echo(
                f"{r['flag_id']:<17}{r['item']:<11}{r['page'] or '':>4}  {r['entity']:<16}{r['score']:>5.2f}  {r['code']:<5}{r['proposed']:<9}{r['status']:<8}"
            )
        click.echo(f"{len(rows)} flags")


VALUE_TABLE = "{value_id:<9}{entity:<16}{display:<28}{occurrences:>7}{items:>7}  {party:<13}{proposal:<9}{status:<8}"


@main.command("values")
@click.argument("case_dir", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True)
@click.option(
    "--status",
    "status_filter",
    type=click.Choice(["pending", "redact", "keep", "mixed"]),
    default=None,
    help="Only values with this status.",
)
@handle_errors
def values_command(case_dir: Path, fmt: str, status_filter: str | None) -> None:
    """List the values of a case: each person or identifier once, with its occurrences and status.

    'display' is the value itself: it is printed for the reviewer and never logged. The CSV can
    be edited (decision: redact or keep; code; reason) and imported with 'decide --import'.

    Example:

    \b
        redactor values case1 --status pending
        redactor values case1 --format csv > values.csv
    """
    from redactor.decisions.values import VALUE_FIELDS, value_dict

    store = _open_case(case_dir)
    store.sync_values()
    rows = [value_dict(v) for v in store.value_rows(status_filter)]
    if fmt in ("jsonl", "csv"):
        _echo_records(rows, fmt, VALUE_FIELDS)
    else:
        click.echo(VALUE_TABLE.format(**{f: f for f in VALUE_FIELDS}))
        for r in rows:
            click.echo(VALUE_TABLE.format(**{**r, "display": _clip(r["display"], 27)}))
        click.echo(f"{len(rows)} values")


def _echo_records(rows: list[dict[str, Any]], fmt: str, fields: Sequence[str]) -> None:
    """Rows as JSON lines, or as CSV whose cells can never start a spreadsheet formula."""
    from redactor.decisions.rows import spreadsheet_safe

    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, sort_keys=True))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(spreadsheet_safe(row) for row in rows)


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@main.command()
@click.argument("case_dir", type=click.Path(path_type=Path))
@click.option("--reviewer", required=True, help="Who is deciding (recorded with every decision).")
@click.option("--accept-all", is_flag=True, help="Accept the proposal of every pending flag.")
@click.option("--min-score", type=float, default=0.0, show_default=True, help="With --accept-all: only flags scoring at least this.")
@click.option(
    "--import",
    "import_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="CSV of decisions (from 'flags --format csv' or 'values --format csv').",
)
@click.option("--value", "value_id", default=None, help="Decide every occurrence of one value (see 'redactor values').")
@click.option("--flag", "flag_id", default=None, help="Except one occurrence from its value's decision (needs --reason).")
@click.option("--redact", "redact_", is_flag=True, help="With --value or --flag: redact.")
@click.option("--keep", "keep_", is_flag=True, help="With --value or --flag: keep (needs --reason).")
@click.option("--code", default=None, help="With --redact: the reason code [default: the value's proposed code].")
@click.option("--reason", default="", help="Why (needed to keep, and for an exception).")
@handle_errors
def decide(
    case_dir: Path,
    reviewer: str,
    accept_all: bool,
    min_score: float,
    import_file: Path | None,
    value_id: str | None,
    flag_id: str | None,
    redact_: bool,
    keep_: bool,
    code: str | None,
    reason: str,
) -> None:
    """Record decisions: on a whole value, on one occurrence, in bulk or from a reviewed CSV.

    A CSV import is validated first; any bad row rejects the whole file and nothing changes.

    Example:

    \b
        redactor decide case1 --value V00004 --redact --code TP --reviewer "DC Smith"
        redactor decide case1 --value V00002 --keep --reason "suspect, named in the charge" --reviewer "DC Smith"
        redactor decide case1 --flag 3f2a... --keep --reason "quoted in the MG5" --reviewer "DC Smith"
        redactor decide case1 --accept-all --min-score 0.5 --reviewer "DC Smith"
        redactor decide case1 --import values.csv --reviewer "DC Smith"
    """
    from redactor.decisions import imports
    from redactor.decisions import values as by_value

    by_value.require_one(accept_all=accept_all, import_file=import_file, value=value_id, flag=flag_id)
    if import_file is not None and not import_file.is_file():
        raise UsageError(
            f"{import_file}: file not found",
            hint="give the CSV written by 'redactor flags CASE --format csv' or 'redactor values CASE --format csv'; nothing was changed",
        )
    store = _open_case(case_dir, actor=reviewer)
    store.sync_values()
    if value_id or flag_id:
        by_value.require_one(redact=redact_, keep=keep_)
        decision = "redact" if redact_ else "keep"
        if value_id:
            n = store.decide_value(value_id, decision, reviewer=reviewer, code=code, reason=reason)
            click.echo(f"value {value_id}: {decision} by {reviewer}, {n} occurrences changed")
        else:
            store.except_occurrence(flag_id, decision, reviewer=reviewer, reason=reason, code=code)
            click.echo(f"flag {flag_id}: {decision} by {reviewer}, excepted from its value")
    elif accept_all:
        n = imports.accept_all(store, reviewer, min_score)
        click.echo(f"{n} flags accepted by {reviewer}")
    else:
        n, kind = by_value.import_file(store, import_file, reviewer)
        click.echo(f"{n} {'value ' if kind == 'value' else ''}decisions imported from {import_file.name} by {reviewer}")
    left = len(store.flags(status="pending"))
    click.echo(f"{left} flags still pending")


@main.command()
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
@click.option("--workers", type=click.IntRange(min=0), default=0, help="Render processes [default: 0, every core].")
@handle_errors
def bundle(
    case_dir: Path, out: Path, pipeline_name: str | None, pending: str, built_by: str, pseudonyms: bool, since: Path | None, workers: int
) -> None:
    """Write the redacted disclosure bundle: items/*.pdf, schedule.csv, index.csv, manifest.json, audit.jsonl.

    Example:

    \b
        redactor bundle case1 --out bundle1 && redactor verify bundle1
    """
    from redactor.pipeline import load_pipeline
    from redactor.runner import build_bundle

    store = _open_case(case_dir)
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
    for failure in summary.failures:
        click.echo(f"withheld: {failure}", err=True)
    if summary.failures:
        sys.exit(EXIT_QUARANTINED)


@main.command()
@click.argument("bundle_dir", type=click.Path(path_type=Path))
@click.option(
    "--case",
    "case_dir",
    default=None,
    type=click.Path(path_type=Path),
    help="Also scan every bundle file for every value this case decided to redact.",
)
@handle_errors
def verify(bundle_dir: Path, case_dir: Path | None) -> None:
    """Check a bundle (the folder 'redactor bundle --out' wrote) against its manifest and audit chain.

    With --case, also scan every bundle file for every value the case decided to redact.
    Exit 0 only if all holds; otherwise exit 5 with every problem listed.

    Example:

    \b
        redactor verify bundle1 --case case1
    """
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
        watch = case_watchlist(_open_case(case_dir))
        leaks = scan_bundle(bundle_dir, watch)
        for leak in leaks:
            click.echo(f"leak: {leak.file} ({leak.where}): {leak.what}", err=True)
        if not leaks:
            click.echo(f"OK: none of {len(watch)} redacted values or names is in any bundle file")
        elif failed is None:
            failed = LeakError(f"{len(leaks)} leaks in the bundle, first in {leaks[0].file} ({leaks[0].where})")
    if failed is not None:
        raise failed


@main.command()
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

    report = item_report(_open_case(case_dir), ref, values=values)
    click.echo(json.dumps(report, indent=2) if as_json else "\n".join(report_lines(report)))


@main.command()
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


@main.group()
def audit() -> None:
    """Work with a case's audit log."""


@audit.command("verify")
@click.argument("path", type=click.Path(path_type=Path))
@handle_errors
def audit_verify(path: Path) -> None:
    """Verify the hash chain of a case's audit log (CASE folder or an audit.jsonl file).

    Example:

    \b
        redactor audit verify case1
    """
    from redactor.audit.log import verify_audit_file

    if path.is_dir():
        n = _open_case(path).verify_audit()
    else:
        n = verify_audit_file(path)
    click.echo(f"OK: audit chain of {n} events holds")


@main.command()
@click.argument("input_file", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--pipeline", "pipeline_name", default=None, help="Pipeline whose detect stage to use [default: disclosure].")
@handle_errors
def detect(input_file: Any, pipeline_name: str | None) -> None:
    """Detect personal data in JSON lines {"id", "text"}; print {"id", "spans"} in the same order.

    Offsets are Python string indices. This is also the evaluation interface. An optional
    "people" list ([{"name", "aliases", "phones", "emails", "role"}]) names the people the
    case knows, as a roster or an address book would.

    Example:

    \b
        echo '{"id": 1, "text": "Call 07700 900123"}' | redactor detect -
    """
    from redactor.detect.known_people import known_people_recognizers, people_from_json
    from redactor.detect.stage import detector_for
    from redactor.pipeline import load_pipeline

    setup_logging(None, verbose=False)
    detector = detector_for(load_pipeline(pipeline_name).of_kind("detect").settings)
    for number, line in enumerate(input_file, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            text = record["text"]
            if not isinstance(text, str):
                raise TypeError
        except (ValueError, KeyError, TypeError):
            raise UsageError(f"input line {number}: expected a JSON object with a string 'text'") from None
        extra = known_people_recognizers(people_from_json(record.get("people")))
        spans = [
            {"start": s.start, "end": s.end, "entity": s.entity, "score": s.score, "recognizer": s.recognizer}
            for s in detector.analyze(text, extra)
        ]
        click.echo(json.dumps({"id": record.get("id"), "spans": spans}))


@main.command()
@click.argument("case_dir", type=click.Path(path_type=Path))
@click.option("--reviewer", required=True, help="Who is reviewing (recorded with every decision).")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port on 127.0.0.1; 0 picks a free one.")
@handle_errors
def review(case_dir: Path, reviewer: str, port: int) -> None:
    """Review flags in the browser: serves the case on 127.0.0.1 only, until Ctrl-C.

    Decisions go to the case database and audit log at once. Two reviewers can each run
    this on the same case (different ports); a conflicting edit is refused, not overwritten.

    Example:

    \b
        redactor review case1 --reviewer "DC Smith" --port 0
    """
    from redactor.review.server import ReviewServer

    _open_case(case_dir, actor=reviewer).close()
    server = ReviewServer(case_dir, reviewer, port=port)
    click.echo(f"reviewing {case_dir} as {reviewer}: open {server.url}  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("review stopped; every decision is saved")
    finally:
        server.stop()


@main.command()
@handle_errors
def stages() -> None:
    """List the registered pipeline stages.

    Example:

    \b
        redactor stages
    """
    from redactor.stages import registered

    for spec in registered():
        click.echo(f"{spec.kind:<8} {spec.ref:<24} {spec.summary}")


if __name__ == "__main__":
    main()
