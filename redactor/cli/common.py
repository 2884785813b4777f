"""What every command shares: the one error handler, logging set-up, opening a case, printing rows.

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

from redactor.errors import RedactorError
from redactor.logs import safe_exception

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


def open_case(case_dir: Path, actor: str = "system") -> Any:
    from redactor.case import CaseStore

    store = CaseStore.open(case_dir, actor=actor)
    setup_logging(store.work_dir / "redactor.log", verbose=False)
    return store


def echo_records(rows: list[dict[str, Any]], fmt: str, fields: Sequence[str]) -> None:
    """Rows as JSON lines, or as CSV whose cells can never start a spreadsheet formula."""
    from redactor.decisions.rows import spreadsheet_safe

    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, sort_keys=True))
        return
    writer = csv.DictWriter(sys.stdout, fieldnames=list(fields), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(spreadsheet_safe(row) for row in rows)


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
