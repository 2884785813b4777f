"""`redactor verify`: any change to a bundle is detected and named."""

from __future__ import annotations

import json
import shutil

import pytest

from redactor.bundle.verify import verify_bundle
from redactor.errors import VerificationError


@pytest.fixture(scope="module")
def sealed(tmp_path_factory):
    from click.testing import CliRunner

    from redactor.cli import main

    root = tmp_path_factory.mktemp("verify")
    src = root / "in.txt"
    src.write_text("Call Sophie Turner on 07700 900123.\nHer email is s.turner@example.org.\n")
    runner = CliRunner()
    for args in (
        ["run", str(src), "--case", str(root / "case")],
        ["bundle", str(root / "case"), "--out", str(root / "bundle"), "--pending", "redact"],
    ):
        assert runner.invoke(main, args, catch_exceptions=False).exit_code == 0
    return root / "bundle"


@pytest.fixture
def bundle(sealed, tmp_path):
    copy = tmp_path / "bundle"
    shutil.copytree(sealed, copy)
    return copy


def flip_byte(path, offset=200):
    data = bytearray(path.read_bytes())
    data[min(offset, len(data) - 1)] ^= 0x01
    path.write_bytes(bytes(data))


def audit_lines(bundle):
    return (bundle / "audit.jsonl").read_bytes().splitlines(keepends=True)


TAMPERS = {
    "one byte of an item": (lambda b: flip_byte(next((b / "items").glob("*.pdf"))), "does not match"),
    "one byte of the schedule": (lambda b: flip_byte(b / "schedule.csv", 30), "schedule.csv"),
    "an item deleted": (lambda b: next((b / "items").glob("*.pdf")).unlink(), "missing"),
    "an extra file": (lambda b: (b / "items" / "extra.pdf").write_bytes(b"%PDF-1.4"), "not in the manifest"),
    "manifest removed": (lambda b: (b / "manifest.json").unlink(), "manifest.json is missing"),
    "manifest not JSON": (lambda b: (b / "manifest.json").write_text("{"), "not a valid"),
    "audit line deleted": (lambda b: (b / "audit.jsonl").write_bytes(b"".join(audit_lines(b)[:2] + audit_lines(b)[3:])), "audit.jsonl"),
    "audit lines reordered": (
        lambda b: (b / "audit.jsonl").write_bytes(b"".join([audit_lines(b)[1], audit_lines(b)[0], *audit_lines(b)[2:]])),
        "audit.jsonl",
    ),
}


@pytest.mark.parametrize("name", TAMPERS)
def test_tampering_fails_verification(bundle, cli, name):
    tamper, message = TAMPERS[name]
    assert verify_bundle(bundle)["files"] >= 4
    tamper(bundle)
    with pytest.raises(VerificationError, match=message):
        verify_bundle(bundle)
    result = cli("verify", bundle)
    assert result.exit_code == 5 and result.output.startswith("error: [E070]")


def test_rewriting_audit_and_manifest_hash_together_still_breaks_the_chain(bundle):
    """Re-hashing a file in the manifest is not enough: the audit head recorded there must match the chain too."""
    lines = audit_lines(bundle)
    (bundle / "audit.jsonl").write_bytes(b"".join(lines[:-1]))
    from redactor.bundle.manifest import file_sha256

    manifest = json.loads((bundle / "manifest.json").read_text())
    manifest["files"]["audit.jsonl"] = file_sha256(bundle / "audit.jsonl")
    (bundle / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(VerificationError, match="recorded head"):
        verify_bundle(bundle)


def test_every_failure_is_listed(bundle, cli):
    items = sorted((bundle / "items").glob("*.pdf"))
    flip_byte(items[0])
    (bundle / "items" / "extra.pdf").write_bytes(b"%PDF-1.4")
    (bundle / "schedule.csv").unlink()
    (bundle / "audit.jsonl").write_bytes(b"".join(audit_lines(bundle)[:2] + audit_lines(bundle)[3:]))
    with pytest.raises(VerificationError) as info:
        verify_bundle(bundle)
    message = str(info.value)
    assert "4 problems" in message
    changed = message.split("does not match its SHA-256 in the manifest: ", 1)[1].split(";", 1)[0]
    assert str(items[0].relative_to(bundle)) in changed.split(", ")
    for part in ("not in the manifest: items/extra.pdf", "missing from the bundle: schedule.csv", "audit.jsonl line 3"):
        assert part in message, part
    result = cli("verify", bundle)
    assert result.exit_code == 5 and len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("case", "is a case folder, not a bundle"),
        ("nosuch", "no such folder"),
        ("in.txt", "is a file, not a bundle folder"),
        ("empty", "is not a bundle"),
    ],
)
def test_not_a_bundle_is_a_usage_error(sealed, cli, target, says):
    (sealed.parent / "empty").mkdir(exist_ok=True)
    result = cli("verify", sealed.parent / target)
    assert result.exit_code == 2 and result.output.startswith("error: [E001]"), result.output
    assert says in result.output and "altered" not in result.output
