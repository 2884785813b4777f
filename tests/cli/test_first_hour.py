"""What a new user meets first: help laid out as examples, and errors that name the real problem."""

from __future__ import annotations

import inspect

import click
import pytest

from redactor.cli import main


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))
        yield prefix + (name,), command


def _example_lines(command: click.Command) -> list[str]:
    doc = inspect.getdoc(command.callback) or ""
    if "Example:" not in doc:
        return []
    return [line.strip() for line in doc.split("Example:", 1)[1].splitlines() if line.strip() and line.strip() != "\b"]


@pytest.mark.parametrize(("path", "command"), [((), main), *_commands(main)], ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_help_examples_are_laid_out_one_command_a_line(cli, path, command):
    examples = _example_lines(command)
    if isinstance(command, click.Group) and not examples:
        return  # a group without its own example ('audit')
    assert examples, f"'redactor {' '.join(path)}' has no Example: block"
    shown = [line.strip() for line in cli(*path, "--help").output.splitlines()]
    for line in examples:
        assert line.startswith("redactor") or line.startswith("echo"), line
        assert line in shown, f"example not on its own line in --help: {line}"


def test_run_on_a_missing_source_is_a_usage_error_and_creates_nothing(cli, tmp_path):
    result = cli("run", tmp_path / "nosuchdir", "--case", tmp_path / "c9")
    assert result.exit_code == 2 and result.output.startswith("error: [E001]"), result.output
    assert "no such file or folder" in result.output and "nosuchdir" in result.output
    assert not (tmp_path / "c9").exists()


def test_decide_import_of_a_missing_file(cli, tmp_path):
    result = cli("decide", tmp_path / "case", "--import", tmp_path / "nosuch.csv", "--reviewer", "DC Test")
    assert result.exit_code == 2 and "[E001]" in result.output and "nosuch.csv: file not found" in result.output
    assert "FileNotFoundError" not in result.output and "fix the listed rows" not in result.output
    assert not (tmp_path / "case").exists()
