"""Commands that list and decide: flags, values, decide, and the browser review."""

from __future__ import annotations

from pathlib import Path

import click

from redactor.cli.common import clip, echo_records, handle_errors, open_case
from redactor.errors import UsageError

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


@click.command()
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

    rows = flag_rows(open_case(case_dir), status_filter, with_text)
    fields = FLAG_FIELDS + (("text",) if with_text else ())
    if fmt in ("jsonl", "csv"):
        echo_records(rows, fmt, fields)
    else:
        click.echo(f"{'flag_id':<17}{'item':<11}{'page':>4}  {'entity':<16}{'score':>5}  {'code':<5}{'proposed':<9}{'status':<8}")
        for r in rows:
            click.echo(
                f"{r['flag_id']:<17}{r['item']:<11}{r['page'] or '':>4}  {r['entity']:<16}{r['score']:>5.2f}  {r['code']:<5}{r['proposed']:<9}{r['status']:<8}"
            )
        click.echo(f"{len(rows)} flags")


VALUE_TABLE = "{value_id:<9}{entity:<16}{display:<28}{occurrences:>7}{items:>7}  {party:<13}{proposal:<9}{status:<8}"


@click.command("values")
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

    store = open_case(case_dir)
    store.sync_values()
    rows = [value_dict(v) for v in store.value_rows(status_filter)]
    if fmt in ("jsonl", "csv"):
        echo_records(rows, fmt, VALUE_FIELDS)
    else:
        click.echo(VALUE_TABLE.format(**{f: f for f in VALUE_FIELDS}))
        for r in rows:
            click.echo(VALUE_TABLE.format(**{**r, "display": clip(r["display"], 27)}))
        click.echo(f"{len(rows)} values")


@click.command()
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
    store = open_case(case_dir, actor=reviewer)
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


@click.command()
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

    open_case(case_dir, actor=reviewer).close()
    server = ReviewServer(case_dir, reviewer, port=port)
    click.echo(f"reviewing {case_dir} as {reviewer}: open {server.url}  (Ctrl-C to stop)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("review stopped; every decision is saved")
    finally:
        server.stop()


COMMANDS = (flags, values_command, decide, review)
