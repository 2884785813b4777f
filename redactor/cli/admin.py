"""Commands that look after a case: status (counts) and the audit log."""

from __future__ import annotations

import json
from pathlib import Path

import click

from redactor.cli.common import handle_errors, open_case


@click.command()
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

    store = open_case(case_dir)
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


@click.group()
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
        n = open_case(path).verify_audit()
    else:
        n = verify_audit_file(path)
    click.echo(f"OK: audit chain of {n} events holds")


COMMANDS = (status, audit)
