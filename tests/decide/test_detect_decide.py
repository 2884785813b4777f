"""The detect and decide stages as units: findings map to segments, the policy proposes codes."""

from __future__ import annotations

from redactor.decide.policy import PolicySettings, decide_policy
from redactor.detect.engine import _chunks
from redactor.detect.stage import DetectSettings, detect_presidio
from redactor.records import Finding, Item, Segment
from redactor.stages import StageContext


def ctx():
    from redactor import paths

    return StageContext(paths.models_dir(), paths.models_dir())  # a case that knows no one; nothing is written


def test_detect_maps_findings_to_their_segment():
    segs = (Segment("s0", "i", 0, "subject", "Hello"), Segment("s1", "i", 1, "body", "Ring me on 07700 900123 please"))
    findings = detect_presidio(DetectSettings(), ctx())(Item("i", "src", "file", "email", "t", segs))
    phone = [f for f in findings if f.entity == "PHONE_NUMBER"]
    assert phone and all(f.segment_id == "s1" for f in phone)
    assert segs[1].text[phone[0].start : phone[0].end] == "07700 900123"


def test_policy_codes_and_proposals():
    run = decide_policy(PolicySettings(codes={"PHONE_NUMBER": "VW"}, review=("NRP",)), ctx())
    item = Item("i", "src", "file", "document", "t", ())
    flags = run(
        item, [Finding("s", 0, 5, "PHONE_NUMBER", 0.9, "r"), Finding("s", 6, 9, "NRP", 0.5, "r"), Finding("s", 10, 12, "OTHER", 0.5, "r")]
    ).flags
    assert [(f.code, f.proposed, f.status) for f in flags] == [
        ("VW", "redact", "pending"),
        ("TP", "review", "pending"),
        ("TP", "redact", "pending"),
    ]
    assert len({f.flag_id for f in flags}) == 3


def test_chunks_cover_everything_with_overlap():
    text = ("word " * 60_000).strip()  # 300k characters
    chunks = _chunks(text)
    assert len(chunks) >= 3
    covered = set()
    for offset, chunk in chunks:
        assert text[offset : offset + len(chunk)] == chunk
        covered.update(range(offset, offset + len(chunk)))
    assert covered == set(range(len(text)))
    for (a, ca), (b, _) in zip(chunks, chunks[1:], strict=False):
        assert a + len(ca) - b >= 1000  # windows overlap, so no entity on a boundary is lost
