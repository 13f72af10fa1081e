"""The fast path (yaml-rs), the careful path (ruamel's C parser + our composer) and ruamel's
round-trip loader (used for saving) must read every scalar the same way: YAML 1.2 core."""

from __future__ import annotations

import math
from datetime import date
from io import StringIO
from typing import Any

import pytest
import yaml_rs
from ruamel.yaml import YAML

import progman
from progman.io.compose import compose_text

SCALARS = [
    ("no", "no"),
    ("yes", "yes"),
    ("on", "on"),
    ("off", "off"),
    ("y", "y"),
    ("0123", 123),
    ("0o17", 15),
    ("0x1F", 31),
    ("-12", -12),
    ("+1", 1),
    ("1_000", 1000),
    ("1e3", 1000.0),
    ("1.5", 1.5),
    ("-.5", -0.5),
    ("1.", 1.0),
    (".inf", math.inf),
    ("-.Inf", -math.inf),
    ("~", None),
    ("null", None),
    ("Null", None),
    ("", None),
    ("true", True),
    ("False", False),
    ("TRUE", True),
    ("12:30", "12:30"),
    ("2013-01-14", date(2013, 1, 14)),
    ("'2013-01-14'", "2013-01-14"),
    ("'0123'", "0123"),
    ('"no"', "no"),
    ("'true'", "true"),
    ("1.4m", "1.4m"),
    ("£600k", "£600k"),
    ("2012/13", "2012/13"),
    ("R-004", "R-004"),
    ("14/01/2013", "14/01/2013"),
]


def _ruamel(text: str) -> Any:
    return YAML().load(StringIO(text))  # round-trip mode, as progman.dump reads files


def _plain(value: Any) -> Any:
    # ruamel reads unquoted ISO dates as dates; the fast and careful paths keep the text and
    # the model's Date type reads it. Compare them as the model will see them.
    # ruamel's round-trip types (ScalarInt, ScalarFloat, ...) subclass the plain ones.
    if isinstance(value, date):
        return value.isoformat()
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value


@pytest.mark.parametrize(("written", "expected"), SCALARS)
def test_all_readers_agree(written: str, expected: Any) -> None:
    text = f"value: {written}\n"
    fast = yaml_rs.loads(text, parse_datetime=False)["value"]
    careful = compose_text(text, "t.yaml").data["value"]
    round_trip = _ruamel(text)["value"]
    want = _plain(expected)
    for got in (fast, careful, _plain(round_trip)):
        assert type(got) is type(want)
        assert got == want


def test_dates_work_quoted_or_not() -> None:
    for written in ("2013-01-14", "'2013-01-14'", '"2013-01-14"'):
        programme = progman.loads(f"id: otp\nname: OTP\nstart: {written}\n")
        assert programme.start == date(2013, 1, 14)


def test_ambiguous_date_names_the_format() -> None:
    with pytest.raises(progman.DefinitionError) as caught:
        progman.loads("id: otp\nname: OTP\nstart: 14/01/2013\n", source="otp.yaml")
    assert str(caught.value) == (
        "otp.yaml:3:8: error DEF-INVALID '14/01/2013' is not an ISO date: "
        "write dates as YYYY-MM-DD, e.g. 2013-01-14"
    )
