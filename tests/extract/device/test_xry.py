"""MSAB XRY text exports (``Messages-SMS.txt``, ``Calls.txt``, ``Contacts-Contacts.txt``, device information): each
entry an item with its parties, direction and time; a long SMS's segments one message; contacts and the phone's own
number as known people; an entry that cannot be read refused alone. Before this reader an export was read as one
plain-text document (a phone's 100,000 messages one "document": no sender, direction, time or thread)."""

from __future__ import annotations

import csv
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redactor.case import CaseStore
from redactor.errors import EmptyInput, InputError
from redactor.extract.device import xry_layout
from redactor.records import Item, Mention, Person, Refused
from tests.extract.device.generated.xry import CALLS, CONTACTS, DEVICE, MESSAGES, many_messages, text_of, xry_file
from tests.extract.device.helpers import pick, records_of, run, seg


def _facts(item) -> dict:
    return item.device.to_json()


def test_messages_are_read_with_their_parties_direction_time_and_thread(tmp_path):
    path = xry_file(tmp_path / "Messages-SMS.txt", "Messages/SMS", MESSAGES)
    assert pick(path) == "xry-text"
    items, _, people = run(path, tmp_path / "work")
    first, reply, long, paragraphs = items
    assert seg(first, "text") == "Are you home? Flat 2, 14 Mill Lane\ncall me on 07700 900123"  # a value over two lines
    assert (seg(first, "sender.name"), seg(first, "sender.id")) == ("Dana Whitfield", "+447700900456")
    facts = _facts(first)
    assert facts["direction"] == {"value": "incoming", "how": "XRY 'Type: Deliver'"}
    assert facts["time"]["utc"] == "2024-01-23T13:23:45Z" and first.meta["clock"] == "Network"
    out = _facts(reply)
    assert out["direction"]["value"] == "outgoing" and out["sender"]["owner"] is True
    assert [r["phone"] for r in out["recipients"]] == ["+447700900456"] and out["thread"]["key"] == facts["thread"]["key"]
    assert out["time"]["utc"] == "2024-01-23T13:33:44Z"  # no zone: the device's time in Europe/London (GMT in January)
    # two segments of one SMS: one message, joined where the phone split it (mid word), with every segment's text
    assert seg(long, "text").startswith("This long message") and "the first part ends mid word; Priya Raman" in seg(long, "text")
    assert long.meta["segments"]["count"] == 2 and long.meta["segments"]["missing"] == []
    assert _facts(long)["time"]["utc"] == "2024-01-24T08:00:00Z"  # UTC+1
    # a blank line and a line like a title inside a message's text stay in its text; an unknown key is kept
    text = seg(paragraphs, "text")
    assert text.startswith("first paragraph\n\nMessages are fun") and text.endswith("second paragraph, Sam Okafor")
    assert seg(paragraphs, "field.participant.Colour") == "blue"
    assert _facts(paragraphs)["direction"]["value"] == "unknown" and _facts(paragraphs)["participants"][0]["phone"] == "+441632960111"
    assert [p.name for p in people] == ["Dana Whitfield"]  # a named correspondent with a number


def test_calls_contacts_and_device_information(tmp_path):
    calls, _, _ = run(xry_file(tmp_path / "Calls.txt", "Calls", CALLS), tmp_path / "w1")
    assert [c.kind for c in calls] == ["call"] * 4
    assert [_facts(c)["direction"]["value"] for c in calls] == ["missed", "outgoing", "outgoing", "incoming"]
    assert seg(calls[0], "sender.id") == "07700 900222" and seg(calls[1], "field.Duration") == "00:00:05"
    assert seg(calls[2], "recipient.1") == "1234" and calls[2].meta["xry"]["Storage"] == "SIM"
    contacts, _, people = run(xry_file(tmp_path / "Contacts-Contacts.txt", "Contacts/Contacts", CONTACTS), tmp_path / "w2")
    assert [c.kind for c in contacts] == ["contact", "contact"] and seg(contacts[1], "field.Address Home") == "9 Kiln Close, Leeds"
    dana, priya = people
    assert dana.name == "Dana Whitfield" and set(dana.phones) == {"+447700900456", "+447700900555"}
    assert priya.emails == ("priya@example.invalid",)
    device, _, owners = run(xry_file(tmp_path / "Device.txt", "Device/General Information", DEVICE), tmp_path / "w3")
    assert seg(device[0], "field.Device Name") == "Nokia XYZ" and seg(device[2], "field.Mobile Id (IMEI)") == "353456789012345"
    assert [(p.phones, p.device_owner) for p in owners] == [(("+447700900999",), True)]


def test_the_date_order_is_read_over_the_whole_export(tmp_path):
    def times(entries, name):
        items, _, _ = run(xry_file(tmp_path / f"{name}.txt", "Calls", entries), tmp_path / name)
        return [(_facts(i).get("time") or {}).get("utc") for i in items], items

    call = ["Calls #\t{n}", "Call Type:\tReceived", "Time:\t{t}", "From", "Tel:\t07700 900222"]

    def entries(*stamps):
        return [[x.format(n=n, t=t) for x in call] for n, t in enumerate(stamps, 1)]

    got, items = times(entries("02/03/2024 10:00:00", "25/03/2024 10:00:00"), "day_first")
    assert got == ["2024-03-02T10:00:00Z", "2024-03-25T10:00:00Z"]
    assert "first date part above 12" in _facts(items[0])["time"]["tz_source"]
    got, items = times(entries("02/03/2024 10:00:00"), "uk_default")  # 24-hour clock, never told: UK day-first
    assert got == ["2024-03-02T10:00:00Z"] and "UK default" in _facts(items[0])["time"]["tz_source"]
    got, _ = times(entries("2024-03-02 10:00:00 UTC"), "year_first")
    assert got == ["2024-03-02T10:00:00Z"]
    got, items = times(entries("02/03/2024 10:00:00", "25/03/2024 10:00:00", "03/25/2024 10:00:00"), "both")
    assert got == [None, "2024-03-25T10:00:00Z", "2024-03-25T10:00:00Z"]  # said both: only what a value tells itself
    assert _facts(items[0])["time"]["raw"] == "02/03/2024 10:00:00"


def test_utf8_exports_and_a_shorter_header_are_read(tmp_path):
    items, _, _ = run(xry_file(tmp_path / "utf8.txt", "Messages/SMS", MESSAGES[:2], encoding="utf-8"), tmp_path / "w1")
    assert [seg(i, "text") for i in items][1] == "ok see you at Hollins Road"
    short = xry_file(tmp_path / "short.txt", "Calls", CALLS, header=["XRY Export", "Case: x", "{report}"])
    items, _, _ = run(short, tmp_path / "w2")
    assert [i.locator for i in items][0] == "entry Calls #1 (line 4)" and len(items) == 4


def test_an_entry_that_cannot_be_read_is_refused_alone(tmp_path):
    path = tmp_path / "Messages-SMS.txt"
    data = bytearray(b"\xff\xfe" + text_of("Messages/SMS", MESSAGES).encode("utf-16-le"))
    at = data.index("Hollins".encode("utf-16-le"))
    data[at : at + 2] = b"\x00\xdc"  # a lone low surrogate: not UTF-16
    path.write_bytes(bytes(data))
    records = records_of(path, tmp_path / "work")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [r.locator for r in refused] == ["entry Messages-SMS #2 (line 16)"]
    assert "not UTF-16" in refused[0].reason and "Hollins" not in refused[0].reason and "ollins" not in refused[0].reason
    assert len([r for r in records if getattr(r, "kind", None) == "message"]) == 3


def test_an_entry_over_the_limit_is_refused_alone(tmp_path, monkeypatch):
    monkeypatch.setattr(xry_layout, "MAX_ENTRY", 200)
    monkeypatch.setattr(xry_layout, "MAX_LINE", 64)
    big = [["Messages-SMS #\t1", "Text:\t" + "x" * 5000, "Type:\tDeliver"], *many_messages(3)[1:]]
    records = records_of(xry_file(tmp_path / "big.txt", "Messages/SMS", big), tmp_path / "work")
    refused = [r for r in records if isinstance(r, Refused)]
    assert [r.locator for r in refused] == ["entry Messages-SMS #1 (line 6)"] and "over 200 characters" in refused[0].reason
    assert [seg(r, "text") for r in records if getattr(r, "kind", None) == "message"] == [
        "message 2 about the meeting",
        "message 3 about the meeting",
    ]


def test_a_file_cut_short_keeps_the_entries_before_the_cut(tmp_path):
    path = xry_file(tmp_path / "cut.txt", "Messages/SMS", many_messages(20))
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2 + 1])  # an odd length: cut inside a character
    records = records_of(path, tmp_path / "work")
    messages = [r for r in records if getattr(r, "kind", None) == "message"]
    assert 8 <= len(messages) <= 10 and seg(messages[0], "text") == "message 1 about the meeting"
    assert all(isinstance(r, Refused) or r.kind == "message" or not hasattr(r, "kind") for r in records)


def test_a_header_without_entries_is_empty(tmp_path):
    path = xry_file(tmp_path / "empty.txt", "Messages/SMS", [])
    with pytest.raises(EmptyInput, match="no entries"):
        records_of(path, tmp_path / "work")


def test_plain_text_that_mentions_xry_is_not_taken(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Notes on the XRY Export of the phone\nMessages-SMS #\t1\n", encoding="utf-8")
    assert pick(path) == "text"


def test_an_export_through_the_runner(cli, tmp_path):
    folder = tmp_path / "xry"
    folder.mkdir()
    xry_file(folder / "Messages-SMS.txt", "Messages/SMS", MESSAGES)
    xry_file(folder / "Contacts-Contacts.txt", "Contacts/Contacts", CONTACTS)
    bad = folder / "Calls.txt"
    data = bytearray(b"\xff\xfe" + text_of("Calls", CALLS).encode("utf-16-le"))
    at = data.index("900333".encode("utf-16-le"))
    data[at : at + 2] = b"\x00\xdc"
    bad.write_bytes(bytes(data))
    case = tmp_path / "case"
    result = cli("run", str(folder), "--case", str(case), "--workers", "1")
    assert result.exit_code == 3, result.output  # something was quarantined
    status = json.loads(cli("status", str(case), "--json").output)
    assert [q["code"] for q in status["quarantined"]] == ["E033"] and "900333" not in json.dumps(status)
    with CaseStore.open(case) as store:
        items = list(store.items())
        people = {p.name for p in store.people()}
    assert sum(i.kind == "message" for i in items) == 4 and sum(i.kind == "call" for i in items) == 3
    assert {"Dana Whitfield", "Priya Raman"} <= people
    assert {i.meta.get("format") for i in items if i.kind != "thread"} == {"xry-text"}
    assert cli("bundle", str(case), "--out", str(tmp_path / "bundle"), "--pending", "redact").exit_code == 0
    index = list(csv.DictReader(open(tmp_path / "bundle" / "index.csv", encoding="utf-8")))
    titles = sorted({r["title"].split(",")[0] for r in index})
    assert titles == ["SMS conversation", "XRY call", "XRY contact"]  # before: "XRY Calls" read as a name, printed "[TP]"
    assert cli("verify", str(tmp_path / "bundle")).exit_code == 0


def test_a_hundred_thousand_entries_stream(tmp_path):
    path = xry_file(tmp_path / "many.txt", "Messages/SMS", many_messages(2_000))
    items, _, _ = run(path, tmp_path / "work")
    assert len(items) == 2_000 and seg(items[-1], "text") == "message 2000 about the meeting"
    assert {_facts(i)["direction"]["value"] for i in items} == {"incoming", "outgoing"}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.integers(0, 100_000), st.integers(0, 255)), max_size=8), st.integers(0, 400))
def test_an_export_changed_anywhere_is_read_or_refused_with_a_one_line_error(tmp_path, changes, cut):
    """Whatever bytes change (a tab, a line break, a title's number, a character cut in two), every record is an item,
    a person or an entry refused alone, or the file is refused with the reader's own one-line error: never another
    exception, and never a reason quoting the export's text."""
    data = bytearray(b"\xff\xfe" + text_of("Messages/SMS", MESSAGES + CALLS).encode("utf-16-le"))
    for at, value in changes:
        data[2 + at % (len(data) - 2)] = value
    path = tmp_path / "fuzzed.txt"
    path.write_bytes(bytes(data[: max(4, len(data) - cut)]))
    if pick(path) != "xry-text":
        return  # the header itself was changed: another reader's file now
    try:
        records = records_of(path, tmp_path / "work", "xry-text")
    except InputError as exc:
        assert "\n" not in str(exc) and "Hollins" not in str(exc)
        return
    for r in records:
        assert isinstance(r, (Item, Person, Mention, Refused))
        if isinstance(r, Refused):
            assert "Hollins" not in r.reason and "Dana" not in r.reason


def test_a_title_whose_bytes_are_not_text_refuses_its_entry_with_a_printable_locator(tmp_path):
    """Found by the fuzz test above: a byte changed in a title line ("Messages-SMS #<TAB>4") put the decoder's marker,
    a lone surrogate, into the entry's locator, and making its item failed (a UnicodeEncodeError: the whole export
    quarantined as an internal error)."""
    path = tmp_path / "Messages-SMS.txt"
    data = bytearray(b"\xff\xfe" + text_of("Messages/SMS", MESSAGES).encode("utf-16-le"))
    at = data.index("Messages-SMS #\t2".encode("utf-16-le"))
    data[at : at + 2] = b"\x00\xdc"  # the title's first character: a lone low surrogate, not UTF-16
    path.write_bytes(bytes(data))
    records = records_of(path, tmp_path / "work")
    (refused,) = [r for r in records if isinstance(r, Refused)]
    assert refused.locator == "entry \ufffdessages-SMS #2 (line 16)" and "not UTF-16" in refused.reason
    refused.locator.encode("utf-8")  # printable, storable
    assert len([r for r in records if getattr(r, "kind", None) == "message"]) == 3
