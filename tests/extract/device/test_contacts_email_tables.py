"""vCard, e-mail and mbox, ALEAPP output and Magnet AXIOM CSV."""

from __future__ import annotations

from datetime import UTC

import pytest

from redactor.errors import CorruptInput
from redactor.extract.device.axiom import net_to_strptime, parse_value
from tests.extract.device.helpers import pick, run, seg

VCF = "synthetic/vcard"
ALEAPP = "synthetic/aleapp_output"


def test_vcard_21_quoted_printable(samples, tmp_path):
    path = samples / VCF / "android_contacts_v21.vcf"
    assert pick(path) == "vcard"
    items, _, people = run(path, tmp_path)
    zoe = items[0]
    assert seg(zoe, "name") == "Zo\u00eb Example" and seg(zoe, "note") == "DOB 02/02/1990\r\nknows Alex".replace("\r\n", "\n")
    assert seg(zoe, "adr.home").startswith("Flat 2\n14 Example Road")
    person = next(p for p in people if p.name == "Zo\u00eb Example")
    assert person.phones == ("+447700900123", "+441632960001") and person.emails == ("zoe@example.org",) and "Zo\u00eb" in person.aliases


def test_vcard_30_groups(samples, tmp_path):
    items, _, people = run(samples / VCF / "ios_contact_v30.vcf", tmp_path)
    assert seg(items[0], "tel.mobile") == "07700 900456" and seg(items[0], "bday") == "1990-02-02"
    assert people[0].phones == ("+447700900456",) and people[0].emails == ("jo.example@example.com",)


def test_truncated_vcard(tmp_path):
    path = tmp_path / "cut.vcf"
    path.write_text("BEGIN:VCARD\nVERSION:3.0\nFN:Alex Witness\n")
    with pytest.raises(CorruptInput):
        run(path, tmp_path / "w")


@pytest.mark.parametrize(("name", "count"), [("sample.eml", 1), ("sample.mbox", 2)])
def test_email_and_mbox(samples, name, count, tmp_path):
    path = samples / "synthetic" / "email" / name
    assert pick(path) == "email"
    items, derived, people = run(path, tmp_path)
    assert len(items) == count
    first = items[0]
    assert seg(first, "subject") == "Tenancy \u2013 form" and "QQ123456C" in seg(first, "text")
    assert "Zo\u00eb Example" in seg(first, "recipients")
    assert first.device.time.utc == "2024-02-27T12:00:00Z"
    assert derived[0].path.read_text().startswith("Name: Sam Owner")
    assert {"jo.example@example.com", "zoe@example.org"} <= {e for p in people for e in p.emails}
    if count == 2:
        assert items[1].device.thread.id == items[0].device.thread.id
        assert "From the 14th" in seg(items[1], "text")


def test_aleapp_tsv_and_timeline(samples, tmp_path):
    tsv = samples / ALEAPP / "_TSV Exports" / "SMS Messages.tsv"
    assert pick(tsv) == "leapp-tsv"
    items, _, _ = run(tsv, tmp_path)
    assert [i.device.direction for i in items] == ["incoming", "outgoing"]
    assert seg(items[1], "text") == "No worries.\nDoor code is 4821"
    assert items[0].device.time.utc == "2024-03-01T09:15:02Z" and items[0].device.thread.id == "1"
    timeline = samples / ALEAPP / "_Timeline" / "tl.db"
    assert pick(timeline) == "leapp-db"
    assert run(timeline, tmp_path)[0] == []  # the TSV exports carry the same rows


def test_aleapp_timeline_alone_is_read(samples, tmp_path):
    import shutil

    folder = tmp_path / "report" / "_Timeline"
    folder.mkdir(parents=True)
    shutil.copy(samples / ALEAPP / "_Timeline" / "tl.db", folder / "tl.db")
    items, _, _ = run(folder / "tl.db", tmp_path / "w")
    assert [seg(i, "text") for i in items] == ["Running 10 mins late, sorry x", "No worries.\nDoor code is 4821"]


def test_aleapp_presentation_pages_are_recognised(samples, tmp_path):
    import shutil

    shutil.copytree(samples / ALEAPP, tmp_path / "rep")
    page = tmp_path / "rep" / "_HTML" / "sms.html"
    page.parent.mkdir()
    page.write_text("<html><body>Running 10 mins late</body></html>")
    assert pick(page) == "leapp-report-page" and run(page, tmp_path / "w")[0] == []


AXIOM = (
    "\ufeffArtifact type,Partner,Sender,Recipient,Message,Direction,Message Sent Date/Time - UTC+01:00 (dd/MM/yyyy),Evidence number\n"
    'WhatsApp Messages,Alex Witness,Alex Witness,Sam Owner,"Meet at 14 Example Road\nat 8",Incoming,01/03/2024 09:15:02,ABC/1\n'
    "WhatsApp Messages,Alex Witness,Sam Owner,Alex Witness,ok,Outgoing,01/03/2024 9:16:10 PM,ABC/1\n"
)


def test_axiom_zone_and_format_from_header(tmp_path):
    path = tmp_path / "WhatsApp Messages.csv"
    path.write_text(AXIOM, encoding="utf-8")
    assert pick(path) == "axiom-csv"
    items, _, _ = run(path, tmp_path / "w")
    assert [i.device.time.utc for i in items] == ["2024-03-01T08:15:02Z", "2024-03-01T20:16:10Z"]
    assert "UTC+01:00 (dd/MM/yyyy)" in items[0].device.time.tz_source
    assert seg(items[0], "text") == "Meet at 14 Example Road\nat 8" and items[0].device.direction == "incoming"
    assert len({i.device.thread.key for i in items}) == 1  # one conversation with the partner


@pytest.mark.parametrize(
    ("fmt", "value", "iso"),
    [
        ("MM/dd/yyyy", "03/01/2024 09:15", "2024-03-01T09:15:00+00:00"),
        ("dd/MM/yyyy", "03/01/2024 09:15", "2024-01-03T09:15:00+00:00"),
        ("yyyy-MM-dd", "2024-03-01 12:00:00 AM", "2024-03-01T00:00:00+00:00"),
    ],
)
def test_axiom_date_formats(fmt, value, iso):

    assert parse_value(value, UTC, fmt).isoformat() == iso
    assert "%" in net_to_strptime(fmt)


def test_text_beside_an_aleapp_report_is_not_swallowed(samples, tmp_path):
    import shutil

    shutil.copytree(samples / ALEAPP, tmp_path / "rep")
    statement = tmp_path / "rep" / "statement.txt"
    statement.write_text("Statement of a witness about the evening.")
    log = tmp_path / "rep" / "Script Logs" / "ProcessedFilesLog.txt"
    log.parent.mkdir()
    log.write_text("processed 12 files")
    assert pick(statement) == "text" and pick(log) == "leapp-report-page"


def test_aleapp_contacts_and_axiom_partners_become_known_people(tmp_path):
    folder = tmp_path / "rep" / "_TSV Exports"
    folder.mkdir(parents=True)
    tsv = folder / "Contacts.tsv"
    tsv.write_text(
        "\ufeffDisplay Name\tNickname\tPhone Number\tEmail\nSophie Example\tSoph\t07700 900321\tsophie@example.org\n", encoding="utf-8"
    )
    items, _, people = run(tsv, tmp_path / "w")
    assert items[0].kind == "contact"
    assert [(p.name, p.phones, p.emails) for p in people] == [("Sophie Example", ("+447700900321",), ("sophie@example.org",))]
    assert {"Sophie", "Soph"} <= set(people[0].aliases)
    csv_path = tmp_path / "SMS.csv"
    csv_path.write_text(
        "Sender,Sender Number,Message,Message Sent Date/Time - UTC+00:00 (dd/MM/yyyy)\n"
        "Alex Witness,07700900123,hello,01/03/2024 09:00:00\n",
        encoding="utf-8",
    )
    _, _, people = run(csv_path, tmp_path / "w2")
    assert [(p.name, p.phones) for p in people] == [("Alex Witness", ("+447700900123",))]
