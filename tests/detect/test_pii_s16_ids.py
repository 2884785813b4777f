"""An amount in a currency's ISO code is no dateless UK registration, even next to "car" (session 16; lines written here)."""

from __future__ import annotations

import pytest

from redactor.detect.recognizers.uk_ids import VehicleRegistrationRecognizer


def regs(text: str) -> list[str]:
    return [text[r.start : r.end] for r in VehicleRegistrationRecognizer().analyze(text, ["UK_VEHICLE_REG"]) if r.score >= 0.5]


@pytest.mark.parametrize("text", ["we paid THB 4120 for the car", "car hire EUR 250 a week", "the van cost 900 USD to fix"])
def test_an_amount_is_no_registration(text):
    assert regs(text) == []


@pytest.mark.parametrize(("text", "value"), [("the car reg is KLM 72", "KLM 72"), ("van index 4471 KX", "4471 KX")])
def test_dateless_registrations_stay(text, value):
    assert regs(text) == [value]
