"""Legacy Word .doc through catdoc: text read, encrypted and damaged files refused with their name."""

from __future__ import annotations

import pytest

from redactor.errors import CorruptInput, EncryptedInput, StageError
from redactor.extract import doc
from tests.extract import factory
from tests.extract.documents.factory import PEOPLE, PHONES
from tests.extract.helpers import run, source_for


def test_text_is_read(tmp_path):
    (item,), _ = run(factory.doc(tmp_path / "statement.doc"), tmp_path)
    assert item.meta["format"] == "doc"
    assert item.segments[0].text == (
        f"Statement of {PEOPLE[0]}.\nShe rang me on {PHONES[0]} and wrote to {factory.EMAILS[0]}.\nMy neighbour {PEOPLE[3]} saw it."
    )


def test_a_doc_is_recognised_by_content(tmp_path):
    path = factory.doc(tmp_path / "renamed.bin")
    assert source_for(path).media_type == "application/x-ole-storage" and doc._accepts(source_for(path), path, b"")
    msg = factory.msg(tmp_path / "m.msg")
    assert not doc._accepts(source_for(msg), msg, b"")


def test_encrypted_doc_is_refused_before_the_tool_runs(tmp_path, monkeypatch):
    monkeypatch.setattr(doc.subprocess, "run", lambda *a, **k: pytest.fail("the tool must not see an encrypted file"))
    with pytest.raises(EncryptedInput, match="locked.doc"):
        run(factory.doc(tmp_path / "locked.doc", encrypted=True), tmp_path)


def test_encrypted_office_packages_are_refused_as_encrypted(tmp_path):
    from extract_msg.ole_writer import OleWriter

    w = OleWriter()
    w.addEntry(["EncryptionInfo"], b"\x04\x00\x04\x00" + b"\x00" * 60)
    w.addEntry(["EncryptedPackage"], b"\x00" * 5000)
    w.write(str(tmp_path / "locked.xlsx"))
    with pytest.raises(EncryptedInput, match="locked.xlsx"):
        run(tmp_path / "locked.xlsx", tmp_path)


@pytest.mark.parametrize("cut", [1500, 3000])
def test_truncated_doc_is_refused_with_a_one_line_reason(tmp_path, cut):
    data = factory.doc(tmp_path / "a.doc").read_bytes()
    (tmp_path / "cut.doc").write_bytes(data[:cut])
    with pytest.raises(CorruptInput, match="cut.doc") as info:
        run(tmp_path / "cut.doc", tmp_path)
    assert "\n" not in str(info.value)


def test_a_crash_of_the_tool_is_a_quarantine_not_an_internal_error(tmp_path, monkeypatch):
    import subprocess

    monkeypatch.setattr(doc.subprocess, "run", lambda args, **kwargs: subprocess.CompletedProcess(args, -11, b"", b""))
    with pytest.raises(CorruptInput, match="a.doc.*signal 11"):
        run(factory.doc(tmp_path / "a.doc"), tmp_path)


def test_the_tool_runs_without_a_shell_and_with_a_timeout(tmp_path, monkeypatch):
    import subprocess

    seen = {}
    real = subprocess.run

    def spy(args, **kwargs):
        seen.update(args=args, **kwargs)
        return real(args, **kwargs)

    monkeypatch.setattr(doc.subprocess, "run", spy)
    run(factory.doc(tmp_path / "-n odd name.doc"), tmp_path)
    assert isinstance(seen["args"], list) and not seen.get("shell") and seen["timeout"] == doc.TIMEOUT_S
    assert seen["args"][-2:] == ["--", str(tmp_path / "-n odd name.doc")]


def test_a_fast_saved_file_is_noted(tmp_path):
    from tests.extract.worddoc import write_doc

    text = f"Statement of {PEOPLE[0]}.\nShe rang me on {PHONES[0]}.\nMy neighbour {PEOPLE[3]} saw it.\n"
    (item,), _ = run(write_doc(tmp_path / "fast.doc", text, complex_=True), tmp_path)
    assert item.meta["fast_saved"] is True and PHONES[0] in item.segments[0].text


def test_a_hung_tool_is_stopped(tmp_path, monkeypatch):
    import subprocess

    def hung(*args, **kwargs):
        raise subprocess.TimeoutExpired("catdoc", doc.TIMEOUT_S)

    monkeypatch.setattr(subprocess, "run", hung)
    with pytest.raises(CorruptInput, match="a.doc.*took over"):
        run(factory.doc(tmp_path / "a.doc"), tmp_path)


def test_a_missing_tool_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(doc.shutil, "which", lambda name: None)
    with pytest.raises(StageError, match="catdoc") as info:
        run(factory.doc(tmp_path / "a.doc"), tmp_path)
    assert "make install" in str(info.value) and "catdoc" in str(info.value)
