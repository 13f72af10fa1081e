"""Fast saves: changed values written over the old ones in the text, everything else as is."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

import progman
from progman.io.patch import patch_text, text_changes

BASE = """\
id: otp   # the programme
name: "Organisational Transformation"
start: 2012-04-02
risks:
  - id: R1
    title: 'Delt transfer slips'
    probability: 3   # reviewed monthly
    impact: 4
  - {id: R2, title: Portal late,
     probability: 2, impact: 2}
"""


def edited(change: dict[str, object]) -> str | None:
    before = progman.loads(BASE)
    after = progman.loads(BASE)
    for path, value in change.items():
        target: object = after
        *parents, name = path.split(".")
        for part in parents:
            target = target.risks[int(part[6:-1])] if part.startswith("risks[") else target
        setattr(target, name, value)
    return patch_text(BASE, "otp.yaml", before, after)


def test_plain_value_replaced_keeping_its_comment() -> None:
    out = edited({"risks[0].probability": 5})
    assert out == BASE.replace("probability: 3   #", "probability: 5   #")


def test_quoting_style_is_kept() -> None:
    out = edited({"name": "OTP", "risks[0].title": "Delt's transfer slips"})
    assert out == BASE.replace('"Organisational Transformation"', '"OTP"').replace(
        "'Delt transfer slips'", "'Delt''s transfer slips'"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("Portal late again", "Portal late again"),
        ("Late: IT", "'Late: IT'"),
        ("yes", "yes"),
        ("null", "'null'"),
        ("123", "'123'"),
        ("# not a comment", "'# not a comment'"),
        ("a, b", "'a, b'"),
    ],
)
def test_plain_text_is_quoted_only_when_it_must_be(value: str, written: str) -> None:
    out = edited({"risks[1].title": value})
    assert out is not None
    assert f"{{id: R2, title: {written},\n" in out
    assert progman.loads(out).risks[1].title == value


def test_new_key_in_a_block_mapping_goes_on_its_own_line() -> None:
    out = edited({"risks[0].owner": "gtolley"})
    assert out == BASE.replace("    impact: 4\n", "    impact: 4\n    owner: gtolley\n")


def test_new_key_in_a_flow_mapping_goes_before_the_brace() -> None:
    out = edited({"risks[1].status": "closed"})
    assert out == BASE.replace("impact: 2}", "impact: 2, status: closed}")


def test_new_top_level_key_goes_at_the_end() -> None:
    out = edited({"finish": date(2017, 3, 31)})
    assert out == BASE + "finish: 2017-03-31\n"


def test_a_removed_item_goes_with_its_lines() -> None:
    before = progman.loads(BASE)
    after = progman.loads(BASE)
    after.risks.pop()  # R2, a flow mapping over two lines
    assert patch_text(BASE, "otp.yaml", before, after) == BASE.replace(
        "  - {id: R2, title: Portal late,\n     probability: 2, impact: 2}\n", ""
    )


def test_an_emptied_list_is_written_empty() -> None:
    before = progman.loads(BASE)
    after = progman.loads(BASE)
    after.risks.clear()
    assert patch_text(BASE, "otp.yaml", before, after) == BASE[: BASE.index("risks:")] + (
        "risks: []\n"
    )


def test_a_value_unset_takes_out_its_line() -> None:
    # By hand: the `start:` line goes, as a clean save leaves out a value that is not set.
    assert edited({"start": None}) == BASE.replace("start: 2012-04-02\n", "")


def test_a_value_unset_in_a_flow_mapping_is_left_to_the_round_trip_path() -> None:
    text = (
        "id: otp\nname: OTP\nrisks:\n  - {id: R1, title: T, probability: 1, impact: 1, cause: x}\n"
    )
    before, after = progman.loads(text), progman.loads(text)
    after.risks[0].cause = None
    assert text_changes(before, after) is not None
    assert patch_text(text, "otp.yaml", before, after) is None


def test_multi_line_text_is_written_double_quoted() -> None:
    out = edited({"risks[0].title": 'Two\nlines "quoted"'})
    assert out == BASE.replace("'Delt transfer slips'", '"Two\\nlines \\"quoted\\""')
    assert out is not None
    assert progman.loads(out).risks[0].title == 'Two\nlines "quoted"'


def test_money_that_a_float_cannot_hold_is_quoted(tmp_path: Path) -> None:
    file = tmp_path / "programme.yaml"
    file.write_text("id: otp\nname: OTP\nsavings_target: 15.9m\n")
    programme = progman.load(file)
    programme.savings_target = Decimal("1234567.123456789012")
    progman.dump(programme, file)
    assert file.read_text() == "id: otp\nname: OTP\nsavings_target: '1234567.123456789012'\n"
    assert progman.load(file).savings_target == Decimal("1234567.123456789012")


def test_crlf_line_for_a_new_key(tmp_path: Path) -> None:
    file = tmp_path / "programme.yaml"
    file.write_bytes(b"id: otp\r\nname: OTP\r\n")
    programme = progman.load(file)
    programme.sro = "gtolley"
    progman.dump(programme, file)
    assert file.read_bytes() == b"id: otp\r\nname: OTP\r\nsro: gtolley\r\n"


def test_appended_items_follow_their_neighbours() -> None:
    before = progman.loads(BASE)
    after = progman.loads(BASE)
    after.risks.append(progman.Risk(id="R3", title="Budget: cut", probability=1, impact=5))
    out = patch_text(BASE, "otp.yaml", before, after)
    # The last item is a flow mapping, but the first one (block) sets the style.
    assert out == BASE + "  - id: R3\n    title: 'Budget: cut'\n    probability: 1\n    impact: 5\n"


def test_new_list_key_in_a_block_mapping(tmp_path: Path) -> None:
    file = tmp_path / "programme.yaml"
    file.write_text("id: otp\nname: OTP\nprojects:\n  - id: p   # portal\n    name: P\n")
    programme = progman.load(file)
    programme.projects[0].issues.append(progman.Issue(id="I-1", title="Late"))
    progman.dump(programme, file)
    assert file.read_text() == (
        "id: otp\nname: OTP\nprojects:\n  - id: p   # portal\n    name: P\n"
        "    issues:\n      - id: I-1\n        title: Late\n"
    )


def test_item_appended_to_a_flow_list() -> None:
    before = progman.loads("id: otp\nname: OTP\nsponsoring_group: [a, b]  # the group\n")
    after = before.model_copy(deep=True)
    after.sponsoring_group.append("c")
    out = patch_text(
        "id: otp\nname: OTP\nsponsoring_group: [a, b]  # the group\n", "p", before, after
    )
    assert out == "id: otp\nname: OTP\nsponsoring_group: [a, b, c]  # the group\n"
