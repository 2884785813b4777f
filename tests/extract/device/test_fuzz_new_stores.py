"""Fuzzing the parsers of the session's new stores with hypothesis: a note body, an iMessage edit history and a tar or
compressed file, whatever their bytes, read or fail with the reader's own error (refused alone or as an InputError),
never another exception."""

from __future__ import annotations

import gzip
import plistlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor.errors import InputError
from redactor.extract import tar  # noqa: F401 - registers the tar readers
from redactor.extract.device.apple_notes import BodyError, note_text
from redactor.extract.device.ios_sms import History, edit_history
from tests.extract.device.generated.apple_notes import body
from tests.extract.device.generated.ios_sms import archived
from tests.extract.device.helpers import records_of
from tests.extract.test_tar import tar_bytes

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _mutated(data: bytes, changes: list[tuple[int, int]], cut: int) -> bytes:
    out = bytearray(data)
    for at, value in changes:
        out[at % len(out)] = value
    return bytes(out[: max(1, len(out) - cut)])


@FUZZ
@given(st.binary(max_size=400) | st.builds(gzip.compress, st.binary(max_size=400)))
def test_any_note_body_is_read_or_refused_as_a_body(data):
    try:
        assert isinstance(note_text(data), str)
    except BodyError:
        pass


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6), st.integers(0, 40))
def test_a_note_body_changed_anywhere_is_read_or_refused_as_a_body(changes, cut):
    try:
        note_text(_mutated(body("Dana Whitcombe came at 9"), changes, cut))
    except BodyError:
        pass


@FUZZ
@given(
    st.binary(max_size=300)
    | st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=6).map(
        lambda changes: _mutated(
            plistlib.dumps(
                {"ec": {"0": [{"t": archived("First words"), "d": 1.0}, {"t": archived("x"), "d": 2.0}]}}, fmt=plistlib.FMT_BINARY
            ),
            changes,
            0,
        )
    )
)
def test_any_edit_history_gives_a_history_never_an_exception(data):
    assert isinstance(edit_history(data), History)


@FUZZ
@given(st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=6), st.integers(0, 2_000), st.booleans())
def test_a_tar_or_gzip_changed_anywhere_is_read_or_refused(changes, cut, compressed):
    data = tar_bytes({"note.txt": "Officer note " * 50, "Jo Example.vcf": "BEGIN:VCARD"}, "w:gz" if compressed else "w")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("x.tar.gz" if compressed else "x.tar")
        path.write_bytes(_mutated(data, changes, cut))
        try:
            records_of(path, Path(folder) / "work")
        except InputError as exc:
            assert str(path) in str(exc) and "\n" not in str(exc)
        except StopIteration:
            pass  # no reader of these claims the damaged bytes: "unsupported file type", as the runner says
