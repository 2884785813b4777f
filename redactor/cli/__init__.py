"""The command line: parse arguments, call the library, print results.

The group is here; the commands live in one module per family (run, review, bundle, admin)
and share :mod:`redactor.cli.common` (the one error handler, opening a case, printing rows).
"""

from __future__ import annotations

import os

import click

from redactor import __version__
from redactor.cli import admin, bundle, review, run
from redactor.cli.common import OWNER_ONLY


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


for command in (*run.COMMANDS, *review.COMMANDS, *bundle.COMMANDS, *admin.COMMANDS):
    main.add_command(command)

__all__ = ["main"]
