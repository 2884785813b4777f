"""Commands that ingest and detect: run (sources into a case), detect (JSON lines), stages."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from redactor.cli.common import EXIT_QUARANTINED, handle_errors, setup_logging
from redactor.errors import UsageError
from redactor.progress import ConsoleReporter


@click.command()
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
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Detection worker processes (default: every core; 1 or the default under 5,000 items: this process).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where detection runs: local processes, or a Dask cluster (see README 'Running on a cluster').",
)
@click.option(
    "--scheduler",
    default=None,
    metavar="ADDRESS",
    help="Dask scheduler (tcp://HOST:8786) for --executor dask [default: a local cluster of --workers processes].",
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
    executor: str,
    scheduler: str | None,
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
        redactor run phone.ufdr --case case1 --executor dask --scheduler tcp://10.0.0.5:8786
    """
    from redactor.case import CaseStore
    from redactor.pipeline import load_pipeline
    from redactor.runner import run_case

    if scheduler is not None and executor != "dask":
        raise UsageError("--scheduler is for --executor dask", hint="add --executor dask, or leave out --scheduler")
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
    summary = run_case(
        store, pipeline, list(sources), ConsoleReporter(), workers=workers, batch_items=batch_items, executor=executor, scheduler=scheduler
    )
    click.echo(
        f"{summary.sources_new} sources processed, {summary.sources_done_before} already done, "
        f"{summary.items} items, {summary.flags} flags, {len(summary.quarantined)} quarantined"
    )
    if summary.items_resumed:
        click.echo(
            f"resumed: flags of {summary.items_resumed} items kept from the interrupted run; "
            f"{summary.items - summary.items_resumed} items detected in this run (batches in flight when it stopped were redone)"
        )
    if summary.workers_replaced:
        click.echo(
            f"workers: {summary.workers_replaced} time(s) a detection worker died; its unanswered batches were sent to fresh "
            "workers and the run went on"
        )
    click.echo(f"next: redactor flags {case_dir}   or   redactor review {case_dir} --reviewer NAME")
    if summary.quarantined:
        sys.exit(EXIT_QUARANTINED)


@click.command()
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


@click.command()
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


COMMANDS = (run, detect, stages)
