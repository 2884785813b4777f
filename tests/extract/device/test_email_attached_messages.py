"""An e-mail attached to an e-mail (``message/rfc822``: a message forwarded as an attachment) is written out and
extracted as an e-mail of its own, like an Outlook message's attached ``.msg``: its text and correspondents reach
the case. Before, it was listed as not present (size 0) and never read."""

from __future__ import annotations

from pathlib import Path

from tests.extract.device.helpers import run, seg

FORWARDED = """From: Sam Owner <sam@example.net>
To: Alex <alex@example.org>
Subject: Fwd: the address
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="XX"

--XX
Content-Type: text/plain

See below.
--XX
Content-Type: message/rfc822
Content-Disposition: attachment; filename="original.eml"

From: Jo Example <jo.example@example.com>
To: Sam Owner <sam@example.net>
Subject: my new address
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

I now live at 14 Example Road, EX1 1AA. Ring 07700 900456. Zo=C3=AB
--XX
Content-Type: message/rfc822

From: Kim Other <kim@example.com>
Subject: unnamed

second
--XX--
"""


def test_a_forwarded_message_is_extracted_as_an_email_of_its_own(tmp_path):
    path = tmp_path / "fwd.eml"
    path.write_text(FORWARDED, encoding="utf-8")
    items, derived, _ = run(path, tmp_path / "w")
    (item,) = items
    assert [(a.name, a.present) for a in item.device.attachments] == [("original.eml", True), ("attachment-2", True)]
    assert [d.name for d in derived] == ["original.eml", "attachment-2"]
    inner, _, people = run(Path(derived[0].path), tmp_path / "w2")
    assert seg(inner[0], "text").strip() == "I now live at 14 Example Road, EX1 1AA. Ring 07700 900456. Zoë"
    assert seg(inner[0], "sender.name") == "Jo Example" and "Jo Example" in {p.name for p in people}
    assert Path(derived[1].path).read_bytes() == b"From: Kim Other <kim@example.com>\nSubject: unnamed\n\nsecond"
