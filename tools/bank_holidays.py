"""Write src/progman/schedule/_bank_holidays.py: the UK bank holidays of 2000-2040 as the
`holidays` package gives them, so that scheduling in those years does not import it.

Run after upgrading `holidays` (tests/schedule/test_bank_holidays_table.py fails when the
table and the package disagree): `python tools/bank_holidays.py`.
"""

from __future__ import annotations

import importlib.metadata
from datetime import date
from pathlib import Path

import holidays

FIRST, LAST = 2000, 2040
SUBDIVISIONS = ("ENG", "SCT", "NIR")
VERSION = importlib.metadata.version("holidays")
TARGET = Path(__file__).resolve().parents[1] / "src" / "progman" / "schedule" / "_bank_holidays.py"


def table() -> dict[str, list[date]]:
    """Subdivision -> its bank holidays, first to last year, in order."""
    return {
        subdivision: sorted(
            holidays.country_holidays("GB", subdiv=subdivision, years=range(FIRST, LAST + 1))
        )
        for subdivision in SUBDIVISIONS
    }


def main() -> None:
    lines = [
        '"""UK bank holidays (substitute days included) of the years',
        f"{FIRST}-{LAST}, by ISO 3166-2 subdivision: the `holidays` package's own answer",
        f"(version {VERSION}), written by tools/bank_holidays.py so that scheduling",
        'in those years does not import the package (a tenth of a second)."""',
        "",
        f"FIRST_YEAR = {FIRST}",
        f"LAST_YEAR = {LAST}",
        "",
        "BANK_HOLIDAYS: dict[str, str] = {  # ISO dates, separated by spaces",
    ]
    for subdivision, days in table().items():
        lines.append(f'    "{subdivision}": (')
        for start in range(0, len(days), 8):
            row = " ".join(day.isoformat() for day in days[start : start + 8])
            lines.append(f'        "{row} "')
        lines.append("    ),")
    lines.append("}")
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
