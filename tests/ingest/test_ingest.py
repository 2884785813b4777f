"""Ingest: hashing, content sniffing, folder walking and quarantine of unreadable inputs."""

from __future__ import annotations

import hashlib

import pytest

from redactor.ingest.files import IngestSettings, check, ingest_files, sniff, walk
from redactor.records import Quarantined


@pytest.mark.parametrize(
    "head, media_type",
    [
        (b"%PDF-1.7\n...", "application/pdf"),
        (b"PK\x03\x04rest", "application/zip"),
        (b"\x89PNG\r\n\x1a\nxxxx", "image/png"),
        (b"\xff\xd8\xff\xe0", "image/jpeg"),
        (b"II*\x00", "image/tiff"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"SQLite format 3\x00", "application/vnd.sqlite3"),
        (b"\xef\xbb\xbf<?xml version='1.0'?>", "application/xml"),
        (b'  {"messages": []}', "application/json"),
        (b"\xff\xfeh\x00i\x00", "text/plain"),
        (b"hello\nworld", "text/plain"),
        (b"\x00\x01\x02binary", "application/octet-stream"),
    ],
)
def test_sniff_by_content(head, media_type):
    assert sniff(head) == media_type


def test_check_hashes_the_whole_file(tmp_path):
    data = b"x" * (3 << 20) + b"tail"
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    found = check(path, 1 << 30)
    assert found.sha256 == hashlib.sha256(data).hexdigest() and found.size == len(data)


def test_walk_is_sorted_recursive_and_skips_hidden(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.txt", ".hidden/d.txt", ".e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [p.relative_to(tmp_path).as_posix() for p in walk([tmp_path], False)] == ["a.txt", "b.txt", "sub/c.txt"]


@pytest.mark.parametrize(
    "setup, code",
    [
        (lambda p: None, "E030"),  # missing
        (lambda p: p.write_bytes(b""), "E034"),  # empty
        (lambda p: p.write_bytes(b"y" * 2048), "E036"),  # over the limit below
    ],
)
def test_unreadable_inputs_are_quarantined(tmp_path, setup, code):
    path = tmp_path / "input.txt"
    setup(path)
    run = ingest_files(IngestSettings(max_file_mb=0), None) if code == "E036" else ingest_files(IngestSettings(), None)
    (result,) = list(run([path]))
    assert isinstance(result, Quarantined) and result.code == code and str(path) in result.reason
