"""The ``worldphone`` set: libphonenumber's own example numbers of every region, in the forms people write them.

    python -m benchmarks.eval --set worldphone [--misses]

Generated at eval time (nothing committed) from ``phonenumbers``' metadata (pinned in requirements/lock.txt):
for every region it supports, its example fixed-line and mobile numbers
(``phonenumbers.example_number_for_type``) written in the library's NATIONAL, INTERNATIONAL and E164 forms and
in three separator variants written here (dots, slashes, no separators at all). Each number stands in one
frame, half of them with a phone word before it and half without, among numbers that are not phones (amounts,
order and invoice numbers, dates, times, weights) which carry no label: flagging them costs precision. Data card:
``WORLDPHONE.md``. Scored by ``world.py`` (recall per form, per world zone, with and without a phone word).
"""

from __future__ import annotations

import random
import re

SEED = 2616
ZONES = {
    "1": "1 North America", "2": "2 Africa", "3": "3-4 Europe", "4": "3-4 Europe", "5": "5 Latin America",
    "6": "6 Oceania, SE Asia", "7": "7 Russia, Kazakhstan", "8": "8 East Asia", "9": "9 W/S Asia, Middle East",
}  # fmt: skip
WORD = (
    "Tel: {P}",
    "call me on {P} after 6, order 4471-2291 is ready",
    "Mobile: {P} | Order no. 448120 | 12.03.2025",
    "WhatsApp {P} (invoice 2025-0412, EUR 349.90)",
    "Fax {P} - 3 pages sent at 14:35",
    "ring {P} about booking ref 88213, arriving 14:30 on 03/04/2025",
    "Phone number: {P}\nAmount due: 1,249.00 USD\nDue date: 2025-06-30",
    "text me {P} when u get this, parcel weighs 2.45 kg",
)
BARE = (
    "{P}",
    "Contact: {P}, before 15 June 2025.",
    "Reach me at {P} - order #5512093 ships 03/04/2025.",
    "{P} left a voicemail at 09:42 about parcel 3 of 4 (2.4 kg)",
    "2025-04-12,14:35:10,{P},EUR 49.99,ORD-77120",
    "Customer {P} paid 1 250,00 PLN on 12.03.2025 for item 40-118-22.",
    "If you have any questions, please reach out at {P}. Invoice 2025/0417 for CHF 880.- is attached.",
    '{"id": 50412, "msisdn": "{P}", "amount": "99.90", "created": "2025-03-12T10:15:00Z"}',
)


def forms(number: object) -> dict[str, str]:
    """The number in libphonenumber's three forms and three separator variants written here."""
    import phonenumbers

    fmt = phonenumbers.PhoneNumberFormat
    national = phonenumbers.format_number(number, fmt.NATIONAL)
    international = phonenumbers.format_number(number, fmt.INTERNATIONAL)
    groups = re.findall(r"\d+", national)
    return {
        "national": national,
        "international": international,
        "e164": phonenumbers.format_number(number, fmt.E164),
        "dots": international.replace(" ", ".").replace("-", "."),
        "slash": groups[0] + "/" + " ".join(groups[1:]) if len(groups) > 1 else national,
        "no separators": "".join(groups) if groups else national,
    }


def load_worldphone() -> tuple[list[dict] | None, str]:
    """Records in the harness's form, each with its ``form``, ``zone`` and ``word`` (phone word before it)."""
    try:
        import phonenumbers
    except ImportError:  # pragma: no cover - pinned in requirements
        return None, "phonenumbers is not installed (make install)"
    rng = random.Random(SEED)
    records, numbers = [], 0
    kinds = {"fixed": phonenumbers.PhoneNumberType.FIXED_LINE, "mobile": phonenumbers.PhoneNumberType.MOBILE}
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        zone = ZONES[str(phonenumbers.country_code_for_region(region))[0]]
        seen = set()
        for kind, typ in kinds.items():
            number = phonenumbers.example_number_for_type(region, typ)
            if number is None or number.national_number in seen:
                continue
            seen.add(number.national_number)
            numbers += 1
            for i, (form, written) in enumerate(forms(number).items()):
                word = (numbers + i) % 2 == 0  # each form: half the numbers with a phone word
                frame = rng.choice(WORD if word else BARE)
                start = frame.index("{P}")
                records.append(
                    {
                        "id": f"worldphone-{len(records):04d}",
                        "text": frame.replace("{P}", written),
                        "people": [],
                        "labels": [{"start": start, "end": start + len(written), "type": "phone"}],
                        "groups": {"form": form, "zone": zone, "phone word": "with" if word else "without", "type": kind},
                        "region": region,
                    }
                )
    return records, ""
