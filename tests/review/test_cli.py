"""The 'review' command: help, errors, and serving until Ctrl-C."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import urllib.request

import pytest


def test_review_help_has_an_example(cli):
    result = cli("review", "--help")
    assert result.exit_code == 0 and "Example:" in result.output and "--port" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{tmp}", "--reviewer", "DC X"], "not a redactor case"),
        (["{case}", "--reviewer", "   "], "reviewer name"),
        (["{case}", "--reviewer", "DC X", "--port", "70000"], "70000"),
    ],
)
def test_review_refuses_bad_arguments(case_dir, tmp_path, args, message):
    from click.testing import CliRunner

    from redactor.cli import main

    argv = [a.format(tmp=tmp_path / "nothing", case=case_dir) for a in args]
    result = CliRunner().invoke(main, ["review", *argv])
    assert result.exit_code == 2, result.output
    assert message in result.output


def _ctrl_c_as_on_a_terminal() -> None:
    """A suite started in the background (`cmd &` in a script) passes SIGINT on as ignored; a terminal does not."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_review_serves_until_interrupted(case_dir):
    proc = subprocess.Popen(
        [sys.executable, "-m", "redactor", "review", str(case_dir), "--reviewer", "DC Cli", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_ctrl_c_as_on_a_terminal,
    )
    try:
        line = proc.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url, timeout=20) as resp:
            assert resp.status == 200 and b"flags decided" in resp.read()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "review stopped" in out and "Traceback" not in err
