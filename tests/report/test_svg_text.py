"""How the report writes text and numbers into HTML and SVG: escaping (as `html.escape`
with quotes) and coordinates rounded to 0.01 without trailing zeros; and that drawing the
benefits map needs no networkx (0.28 s to import)."""

from __future__ import annotations

import subprocess
import sys
from html import escape as html_escape

import pytest

from progman.report._escape import escape
from progman.report.svg import _n


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Portal", "Portal"),
        ("", ""),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        ("<b>", "&lt;b&gt;"),
        ("risk 'p1-r2' scores 16", "risk &#x27;p1-r2&#x27; scores 16"),
        ('say "hello"', "say &quot;hello&quot;"),
        ("£1.40m … “critical”", "£1.40m … “critical”"),
        ("&amp;", "&amp;amp;"),
    ],
)
def test_escape_writes_the_five_special_characters_as_references(text: str, written: str) -> None:
    assert escape(text) == written
    assert escape(text) == html_escape(text)  # the standard library's, quotes included


def test_escape_agrees_with_the_standard_library_on_every_mix_of_the_characters() -> None:
    # Every string of up to four characters over the five special ones, a reference's own
    # characters and a letter: 8**0 + ... + 8**4 = 4,681 strings.
    alphabet = "&<>\"'#;a"
    texts = [""]
    for _ in range(4):
        texts += [t + c for t in texts if len(t) == len(texts[-1]) for c in alphabet]
    assert len(set(texts)) == 4681
    for text in texts:
        assert escape(text) == html_escape(text), text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (47, "47"),
        (47.0, "47"),
        (0.5, "0.5"),
        (2.25, "2.25"),
        (12.125, "12.12"),  # exactly half a hundredth: rounded to even, as "%.2f" does
        (346.6766, "346.68"),
        (-0.001, "0"),  # never "-0"
        (-0.0, "0"),
        (-3, "-3"),
        (1e22, "10000000000000000000000"),
        (2**60, "1152921504606846976"),  # exact as a float too
    ],
)
def test_a_coordinate_is_rounded_to_a_hundredth_without_trailing_zeros(
    value: float, written: str
) -> None:
    assert _n(value) == written


def test_a_whole_number_beyond_a_float_s_precision_is_written_as_its_float() -> None:
    # "%.2f" converts an int to a float first: 2**53 + 1 is written as 2**53.
    assert _n(2**53 + 1) == "9007199254740992"


def test_the_benefits_map_is_drawn_without_importing_networkx() -> None:
    code = (
        "import sys\n"
        "import progman as pm\n"
        "from progman.report import board_report, render_html\n"
        "p = pm.Programme(id='x', name='X', projects=[pm.Project(id='p', name='P')],\n"
        "    benefits=[pm.Benefit(id='b', name='B', enabled_by=['p'], objectives=['O'])])\n"
        "page = render_html(board_report(p, status_date='2013-01-07'))\n"
        "assert 'class=\"node ' in page and 'class=\"link' in page\n"
        "print('networkx' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
