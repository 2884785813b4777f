"""Hostile and broken device inputs, written on demand (never shipped as files)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from benchmarks.device_data import report_lines, write_telegram, write_ufdr

NS = "http://pa.cellebrite.com/report/2.0"
XXE = (
    f'<?xml version="1.0"?>\n<!DOCTYPE project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f'<project xmlns="{NS}" reportVersion="8.5"><decodedData><modelType type="Note"><model type="Note" id="n1">'
    f'<field name="Body" type="String"><value type="String">&xxe;</value></field></model></modelType></decodedData></project>\n'
)
LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE smses [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>\n'
    '<smses count="1"><sms address="07700900123" date="1709284502000" type="1" body="&d;" /></smses>\n'
)


def truncated_ufdr(path: Path) -> Path:
    """Cut inside the start of its report: nothing read, so refused whole (an archive cut later keeps what came before
    the cut: tests/extract/device/test_ufdr_cut.py)."""
    full = write_ufdr(path.with_suffix(".full"), 200)
    data = full.read_bytes()
    full.unlink()
    path.write_bytes(data[:120])
    return path


def zip_slip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("report.xml", "".join(report_lines(3)))
        archive.writestr("../../escaped.txt", "should never be written")
    return path


def xxe_report(path: Path) -> Path:
    path.write_text(XXE)
    return path


def billion_laughs(path: Path) -> Path:
    path.write_text(LAUGHS)
    return path


def bad_utf8_report(path: Path) -> Path:
    text = "".join(report_lines(3)).encode("utf-8").replace(b"Morning, are you", b"Morning, \xff\xfe you")
    path.write_bytes(text)
    return path


def truncated_report(path: Path) -> Path:
    """Cut inside its first model: nothing read, so refused whole (a report cut later keeps what came before the cut:
    tests/extract/device/test_report_cut_short.py)."""
    text = "".join(report_lines(20)).encode("utf-8")
    path.write_bytes(text[: text.index(b"<model ") + 40])
    return path


def no_header_whatsapp(path: Path) -> Path:
    path.write_text("this export lost its headers\nso nothing here looks like a chat line\n")
    return path


def empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


def _telegram(path: Path, messages: int = 60) -> bytes:
    write_telegram(path, messages)
    return path.read_bytes()


def truncated_telegram(path: Path) -> Path:
    """Cut inside its first message: nothing read, so refused whole (an export cut later keeps the messages before the
    cut: tests/extract/device/test_json_refused.py)."""
    data = _telegram(path)
    path.write_bytes(data[: data.index(b'"text": "') + 12])
    return path


def deep_telegram(path: Path, messages: int = 60) -> Path:
    """An export whose first message's text nests 200,000 lists (ijson's prefixes grow with depth: unbounded, this takes
    gigabytes). That message is refused alone; an export of that message only is refused whole (``HOSTILE``)."""
    data = _telegram(path, messages)
    start = data.index(b'"text": ') + 8
    end = data.index(b'"', start + 1) + 1
    data = data[:start] + b"[" * 200_000 + b"]" * 200_000 + data[end:]
    path.write_bytes(data)
    return path


def bad_utf8_telegram(path: Path) -> Path:
    """Bytes that are not UTF-8 in the first message: refused whole (later, the messages before them are read)."""
    data = _telegram(path)
    cut = data.index(b'"text": "') + 9
    path.write_bytes(data[:cut] + b"\xff\xfe" + data[cut:])
    return path


def truncated_meta(path: Path) -> Path:
    messages = ",".join(f'{{"sender_name": "Alex Witness", "timestamp_ms": {1709284502000 + i}, "content": "line {i}"}}' for i in range(50))
    data = f'{{"participants": [{{"name": "Alex Witness"}}], "messages": [{messages}], "title": "Alex", "thread_path": "inbox/alex_1"}}'
    path.write_text(data[: data.index('"content"') + 14], encoding="utf-8")  # inside the first message: refused whole
    return path


# name, writer, expected error code (see redactor/errors.py)
HOSTILE = [
    ("truncated.ufdr", truncated_ufdr, "E033"),
    ("slip.ufdr", zip_slip, "E035"),
    ("xxe-report.xml", xxe_report, "E035"),
    ("laughs-sms.xml", billion_laughs, "E035"),
    ("bad-utf8-report.xml", bad_utf8_report, "E033"),
    ("cut-report.xml", truncated_report, "E033"),
    ("WhatsApp Chat with Alex.txt", no_header_whatsapp, "E031"),
    ("empty.ufdr", empty, "E034"),
    ("cut-result.json", truncated_telegram, "E033"),
    ("deep-result.json", lambda path: deep_telegram(path, messages=1), "E033"),
    ("bad-utf8-result.json", bad_utf8_telegram, "E033"),
    ("cut-message_1.json", truncated_meta, "E033"),
]
