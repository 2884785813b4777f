"""The country list the detector reads is phonenumbers' English names, and reading it does not load phonenumbers' locale data."""

from __future__ import annotations

import runpy
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "models" / "tools" / "build_countries.py"


def test_the_shipped_country_list_is_phonenumbers_english_names():
    from redactor.detect.name_lists import countries

    names = runpy.run_path(str(SCRIPT))["names"]  # the script that wrote the list, on the installed phonenumbers
    assert set(names()) <= countries() and {"united kingdom", "poland", "nigeria", "pakistan"} <= countries()


def test_reading_it_leaves_phonenumbers_locale_data_unloaded():
    code = (
        "import sys\n"
        "from redactor.detect.name_lists import countries\n"
        "from redactor.detect.recognizers.caps_names import CapsNameRecognizer\n"
        "countries(); CapsNameRecognizer().load()\n"
        "print('phonenumbers.geodata.locale' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "False"
