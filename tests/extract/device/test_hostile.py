"""Hostile and broken input: a clear error naming the file, quarantine, nothing outside the case, batch goes on."""

from __future__ import annotations

import json

import pytest

from redactor.errors import InputError
from redactor.extract.device import safe
from tests.extract.device.helpers import run
from tests.extract.device.hostile import HOSTILE


@pytest.mark.parametrize(("name", "write", "code"), [h for h in HOSTILE if h[2] != "E034"], ids=[h[0] for h in HOSTILE if h[2] != "E034"])
def test_unit_error_codes(name, write, code, tmp_path):
    path = write(tmp_path / name)
    work = tmp_path / "case" / "work"
    with pytest.raises(InputError) as info:
        run(path, work)
    assert info.value.code == code
    assert str(path) in str(info.value)
    assert "root:" not in str(info.value) and "lol" not in str(info.value)  # no file content in the message
    assert not (tmp_path / "escaped.txt").exists() and not (tmp_path.parent / "escaped.txt").exists()


def test_decompression_bomb_refused(tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setattr(safe, "MIN_BOMB", 1 << 16)
    path = tmp_path / "bomb.ufdr"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.xml", b"<" + b" " * (4 << 20))
    with pytest.raises(InputError) as info:
        run(path, tmp_path / "w")
    assert info.value.code == "E035"


@pytest.mark.parametrize("name", ["../x", "/etc/../passwd", "a/../../b", "C:\\..\\evil", "ok/../../x", "a\x00b"])
def test_unsafe_member_names(name):
    assert safe.unsafe_member(name)


@pytest.mark.parametrize("name", ["/etc/passwd", "\\server\\x", "C:\\evil", "/private/var/mobile/Library/SMS/sms.db"])
def test_member_names_from_the_root_are_read_relative_not_refused(name):
    """Full-file-system zips name members from ``/``: the copy is written from the path's parts inside the case
    (tests/extract/device/test_real_layouts.py), so only '..' is an escape."""
    assert safe.rooted(name) and not safe.unsafe_member(name)


@pytest.mark.parametrize("name", ["report.xml", "files/Image/a.jpg", "files\\Image\\a..b.jpg"])
def test_safe_member_names(name):
    assert not safe.unsafe_member(name)


def test_cli_quarantines_each_and_processes_the_rest(cli, generated_samples, tmp_path):
    inputs = tmp_path / "exhibits"
    inputs.mkdir()
    for name, write, _ in HOSTILE:
        write(inputs / name)
    good = generated_samples / "synthetic" / "whatsapp" / "android_en-GB_24h.txt"
    case = tmp_path / "case"
    before = {p for p in tmp_path.parent.iterdir()}
    result = cli("run", str(inputs), str(good), "--case", str(case))
    assert result.exit_code == 3, result.output
    status = json.loads(cli("status", str(case), "--json").output)
    codes = {q["path"].rsplit("/", 1)[-1]: q["code"] for q in status["quarantined"]}
    assert codes == {name: code for name, _, code in HOSTILE}
    assert all(name in q["reason"] for q in status["quarantined"] for name in [q["path"].rsplit("/", 1)[-1]])
    assert status["items"] >= 12  # the good export went through
    assert {p for p in tmp_path.parent.iterdir()} == before
    assert not list(tmp_path.rglob("escaped.txt"))
    derived = case / "work" / "derived"
    assert not derived.exists() or all(case in p.resolve().parents for p in derived.rglob("*"))


def test_dtd_hidden_after_a_long_prolog_is_still_refused(tmp_path):
    from tests.extract.device.hostile import XXE

    head, rest = XXE.split("\n", 1)
    path = tmp_path / "report.xml"
    path.write_text(head + "\n<!-- " + "x" * (100 << 10) + " -->\n" + rest)
    safe.check_xml_head(path.read_bytes()[: 1 << 16], path)  # the head scan cannot see it
    with pytest.raises(InputError) as info, open(path, "rb") as handle:
        list(safe.iterparse(handle, path))
    assert info.value.code == "E035"
