"""A vCard without its END:VCARD is refused alone (a ``Refused`` naming the file and the card's line, which the runner
quarantines) and the complete cards of the address book are read. Before, a truncated last card refused the whole
address book (every contact lost to the case and to detection), and a card followed by another BEGIN:VCARD before its
end was dropped without a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from redactor.errors import CorruptInput
from redactor.extract.device import vcard
from redactor.records import CaseSnapshot, Item, Mention, Refused
from redactor.stages import StageContext
from tests.extract.device.helpers import seg, source_for

SECRET = "Quillon Marchbanks"


def _card(name: str, phone: str, end: bool = True) -> str:
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{name}\nTEL;TYPE=CELL:{phone}\n" + ("END:VCARD\n" if end else "")


def _records(path: Path, work: Path) -> list:
    return list(vcard.extract_vcard(source_for(path), path, StageContext(work, work, CaseSnapshot(), None)))


def test_a_truncated_last_card_is_refused_alone(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text(_card("Alex Witness", "07700 900123") + _card("Jo Example", "07700 900456") + _card(SECRET, "07700 900789", end=False))
    records = _records(path, tmp_path / "w")  # before: CorruptInput, no contact read
    assert [seg(r, "name") for r in records if isinstance(r, Item)] == ["Alex Witness", "Jo Example"]
    assert [r.person.name for r in records if isinstance(r, Mention)] == ["Alex Witness", "Jo Example"]
    refused = records[-1]
    assert isinstance(refused, Refused) and (refused.locator, refused.code) == ("vcard at line 11", "E033")
    assert refused.reason.startswith(f"[E033] {path}: the vCard at line 11 is incomplete") and SECRET not in refused.reason


def test_a_card_without_its_end_before_the_next_is_refused_not_dropped(tmp_path):
    path = tmp_path / "contacts.vcf"
    path.write_text(_card("Alex Witness", "07700 900123") + _card(SECRET, "07700 900789", end=False) + _card("Jo Example", "07700 900456"))
    records = _records(path, tmp_path / "w")
    assert [seg(r, "name") for r in records if isinstance(r, Item)] == ["Alex Witness", "Jo Example"]
    refused = [r for r in records if isinstance(r, Refused)]  # before: none, the card's values silently dropped
    assert [(r.locator, r.code) for r in refused] == [("vcard at line 6", "E033")] and "another card begins" in refused[0].reason
    items = [r for r in records if isinstance(r, Item)]
    assert [i.locator for i in items] == ["vcard[1] line 1", "vcard[2] line 10"]  # complete cards keep their numbers


def test_a_file_with_no_complete_card_is_refused_whole(tmp_path):
    path = tmp_path / "cut.vcf"
    path.write_text(_card(SECRET, "07700 900789", end=False))
    with pytest.raises(CorruptInput, match="has no END:VCARD"):
        _records(path, tmp_path / "w")
