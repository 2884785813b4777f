"""Write models/lexicons/countries.txt: country and territory names in English from phonenumbers' locale data.

Run from the repository root after upgrading phonenumbers: ``python models/tools/build_countries.py``.
The detector reads the file instead of the data: importing ``phonenumbers.geodata.locale`` holds every
language's names, about 90 MB in each detection worker. ``tests/detect/test_countries.py`` checks the
file against the installed phonenumbers.
"""

from __future__ import annotations

from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "lexicons" / "countries.txt"


def names() -> list[str]:
    from phonenumbers.geodata.locale import LOCALE_DATA

    return sorted({v["aa"].lower() for v in LOCALE_DATA.values() if "aa" in v and not v["aa"].startswith("*")})


def main() -> None:
    import phonenumbers

    head = (
        f"# Country and territory names in English, lower-cased: phonenumbers {phonenumbers.__version__}'s locale data\n"
        "# (Apache-2.0), written by models/tools/build_countries.py; read by redactor/detect/recognizers/case_parties.py.\n"
    )
    OUT.write_text(head + "".join(f"{n}\n" for n in names()), encoding="utf-8")


if __name__ == "__main__":
    main()
