"""Inline SVG charts for the board report, drawn by hand: no plotting dependency.

Every chart is an `<svg role="img">` with a `<title>` and `<desc>` (what a
screen reader announces) and reads without colour: critical items are
hatched, outlined heavier and labelled, heat-map cells carry their count and
their R/A/G letter, and actual benefits are hatched beside solid planned ones.
No `xmlns` is written: the HTML parser puts inline SVG in its namespace, and
the file then holds no web address at all.

**The Gantt scale.** The chart spans calendar days from the earliest start
(or the status date, if earlier) to the day after the latest finish (or after
the status date, if later). A day `d` sits at

    x(d) = GANTT_LABEL_WIDTH + GANTT_PLOT_WIDTH * (d - first).days / span

with `span = (last - first).days`. A bar runs from `x(start)` to
`x(finish + 1 day)`, since a task occupies its finish day; the status date's
"today" line is at `x(status_date)`. Coordinates are rounded to 0.01.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal

from ..analysis import RiskAnalysis, RiskDriver
from ..control import BenefitTotals, HeatMap
from ..control.benefits_map import BenefitsMap
from ..model import FinancialYear, RiskGrid
from ..words import long_date
from ._escape import escape
from .board import GanttRow
from .summary import short_money

__all__ = [
    "GANTT_LABEL_WIDTH",
    "GANTT_PLOT_WIDTH",
    "GANTT_ROW_HEIGHT",
    "GANTT_TOP",
    "MAP_BOX_WIDTH",
    "MAP_COLUMN_WIDTH",
    "MAP_ROW_HEIGHT",
    "benefits_map_svg",
    "benefits_svg",
    "gantt_svg",
    "heat_map_svg",
    "s_curve_svg",
    "tornado_svg",
]

GANTT_LABEL_WIDTH = 320
"""Width of the label column on the left of the Gantt chart."""
GANTT_PLOT_WIDTH = 680
"""Width of the dated part of the Gantt chart."""
GANTT_ROW_HEIGHT = 18
GANTT_TOP = 44
"""Height of the status-date label and the date axis above the first bar."""

_ONE_DAY = timedelta(days=1)
_HATCH = (
    '<pattern id="{id}" patternUnits="userSpaceOnUse" width="6" height="6" '
    'patternTransform="rotate(45)"><rect width="6" height="6" fill="{fill}"/>'
    '<line x1="0" y1="0" x2="0" y2="6" stroke="{ink}" stroke-width="3"/></pattern>'
)


_EXACT = 2**53  # whole numbers up to here format the same as the float they convert to


def _n(value: float) -> str:
    """A coordinate rounded to 0.01 without trailing zeros."""
    if value.__class__ is int and -_EXACT < value < _EXACT:  # whole (most rows' y), as it is
        return str(value)
    if value.__class__ is float and value.is_integer():  # its exact value: as .2f writes it
        return str(int(value))
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _open(name: str, width: float, height: float, title: str, desc: str) -> str:
    return (
        f'<svg class="chart {name}" id="{name}" role="img" '
        f'aria-labelledby="{name}-title {name}-desc" width="{_n(width)}" '
        f'height="{_n(height)}" viewBox="0 0 {_n(width)} {_n(height)}">'
        f'<title id="{name}-title">{escape(title)}</title>'
        f'<desc id="{name}-desc">{escape(desc)}</desc>'
    )


def _text(x: float, y: float, text: str, css: str = "", anchor: str = "start") -> str:
    cls = f' class="{css}"' if css else ""
    return f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}"{cls}>{escape(text)}</text>'


# --- Gantt -----------------------------------------------------------------------------


def gantt_span(rows: Sequence[GanttRow], today: date) -> tuple[date, date]:
    """First and last day of the Gantt scale (see the module docstring)."""
    starts = [r.item.early_start for r in rows if r.item.early_start]
    finishes = [r.item.early_finish for r in rows if r.item.early_finish]
    first = min([*starts, today])
    # The day after the last, kept within Python's dates (a status date of 9999-12-31).
    last = min(max([*finishes, today]), date.max - _ONE_DAY) + _ONE_DAY
    return first, last


def _ticks(first: date, last: date) -> list[tuple[date, str]]:
    """1 January of each year on long charts, the 1st of each month on short ones."""
    yearly = (last - first).days > 400
    ticks = []
    day = date(first.year, first.month, 1)
    while day <= last:
        if day >= first and (not yearly or day.month == 1):
            ticks.append((day, str(day.year) if yearly else day.strftime("%b %Y")))
        if day.year == date.max.year and day.month == 12:
            break
        day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return ticks


def _bar(row: GanttRow, y: int, x: float, x_text: str, width_text: str, dates: str) -> str:
    """The bar (a diamond for a milestone) of the row at `y`, from `x` (written `x_text`),
    `width_text` wide, its tooltip naming its `dates`: all four written once for every bar
    of the same dates."""
    item = row.item
    critical = item.critical
    note = ", critical" if critical else ""
    tip = f"<title>{escape(f'{item.name} ({item.kind}): {dates}{note}')}</title>"
    cls = f"bar {item.kind}{' critical' if critical else ''}"
    if item.kind == "milestone":
        cx, cy, r = x, y + GANTT_ROW_HEIGHT / 2, 6
        corners = ((cx, cy - r), (cx + r, cy), (cx, cy + r), (cx - r, cy))
        points = " ".join(f"{_n(px)},{_n(py)}" for px, py in corners)
        return f'<polygon class="{cls}" points="{points}">{tip}</polygon>'
    summary = item.kind in ("project", "stage")
    height = 6 if summary else 12
    top = y + (GANTT_ROW_HEIGHT - height) / 2
    return (
        f'<rect class="{cls}" x="{x_text}" y="{_n(top)}" width="{width_text}" '
        f'height="{height}">{tip}</rect>'
    )


def gantt_svg(rows: Sequence[GanttRow], today: date) -> str:
    """The Gantt chart: one row per project, stage, task and milestone; critical items
    hatched, heavier and labelled "(critical)"; a vertical line at the status date.

    Critical items are those the schedule marks critical (total float zero or
    less): every critical path, including one that drives a missed deadline,
    as Microsoft Project highlights them.

    >>> from progman.schedule import ScheduledItem
    >>> d = date(2013, 1, 7)
    >>> item = ScheduledItem("a", "Build", "task", d, d + timedelta(4), d, d, 0, 0, True)
    >>> svg = gantt_svg([GanttRow(item, 0)], date(2013, 1, 9))
    >>> 'class="today"' in svg, "Build (critical)" in svg
    (True, True)
    """
    rows = [row for row in rows if row.item.early_start is not None]  # only dated items
    first, last = gantt_span(rows, today)
    span = max((last - first).days, 1)

    def x(day: date) -> float:
        return GANTT_LABEL_WIDTH + GANTT_PLOT_WIDTH * (day - first).days / span

    height = GANTT_TOP + GANTT_ROW_HEIGHT * len(rows) + 8
    width = GANTT_LABEL_WIDTH + GANTT_PLOT_WIDTH + 10
    on_path = sum(1 for r in rows if r.item.critical)
    parts = [
        _open(
            "gantt",
            width,
            height,
            "Gantt chart of the programme schedule",
            f"{len(rows)} projects, stages, tasks and milestones from {first} to "
            f"{last - _ONE_DAY}; {on_path} critical (no float to spare), drawn hatched with "
            f"a heavy outline and labelled (critical); milestones are diamonds; the line "
            f"marks the status date {today}.",
        ),
        "<defs>" + _HATCH.format(id="critical-hatch", fill="#f6d5d0", ink="#b10e1e") + "</defs>",
    ]
    for day, label in _ticks(first, last):
        parts.append(
            f'<line class="tick" x1="{_n(x(day))}" y1="{GANTT_TOP - 6}" x2="{_n(x(day))}" '
            f'y2="{height}"/>'
        )
        parts.append(_text(x(day) + 2, GANTT_TOP - 10, label, "axis"))
    # Many bars share their dates: each span's x and width are written once.
    spans: dict[tuple[date | None, date | None], tuple[float, str, str, str]] = {}
    label_css: dict[tuple[str, bool], str] = {}
    for n, row in enumerate(rows):
        y = GANTT_TOP + n * GANTT_ROW_HEIGHT
        item = row.item
        on = item.critical
        if n % 2:
            parts.append(
                f'<rect class="stripe" x="0" y="{y}" width="{width}" height="{GANTT_ROW_HEIGHT}"/>'
            )
        name = item.name if len(item.name) <= 44 else item.name[:42] + "…"
        label = f"{name} (critical)" if on else name
        css = label_css.get((item.kind, on))
        if css is None:
            css = label_css[item.kind, on] = " ".join(
                c for c in ("label", item.kind, "critical" if on else "") if c
            )
        parts.append(_text(6 + 14 * row.depth, y + 13, label, css))
        dated = (item.early_start, item.early_finish)
        drawn = spans.get(dated)
        if drawn is None:
            start = item.early_start or first  # never None: undated rows are left out above
            finish = item.early_finish or start
            left, right = x(start), x(finish + _ONE_DAY)
            dates = f"{item.early_start} to {item.early_finish}"
            drawn = spans[dated] = (left, _n(left), _n(max(right - left, 1)), dates)
        parts.append(_bar(row, y, *drawn))
    today_x = _n(x(today))
    parts.append(
        f'<line class="today" x1="{today_x}" y1="16" x2="{today_x}" y2="{height}">'
        f"<title>Status date {today}</title></line>"
    )
    # The label reads away from the chart's right edge so it is never cut off.
    right_half = x(today) > GANTT_LABEL_WIDTH + GANTT_PLOT_WIDTH / 2
    parts.append(
        _text(
            x(today) + (-4 if right_half else 4),
            12,
            f"status date {today}",
            "today-label",
            "end" if right_half else "start",
        )
    )
    parts.append("</svg>")
    return "".join(parts)


# --- heat map --------------------------------------------------------------------------

_CELL = 56


def _grade(score: int, grid: RiskGrid) -> str:
    if score >= grid.escalation_threshold:
        return "red"
    return "amber" if score >= grid.amber_threshold else "green"


def heat_map_svg(heat: HeatMap, grid: RiskGrid) -> str:
    """The probability x impact grid with the count of active risks in every cell.

    Cells are coloured by score against the grid's thresholds and carry the
    letter R, A or G too.

    >>> import progman as pm
    >>> from progman.control import heat_map
    >>> p = pm.Programme(id="x", name="X", risks=[pm.Risk(id="r", title="R", probability=5,
    ...     impact=4)])
    >>> svg = heat_map_svg(heat_map(p), p.risk_grid)
    >>> 'data-probability="5" data-impact="4" data-count="1"' in svg
    True
    """
    left, top, size = 70, 10, heat.size
    width, height = left + _CELL * size + 10, top + _CELL * size + 50
    total = sum(heat.cells.values())
    parts = [
        _open(
            "heat-map",
            width,
            height,
            "Risk heat map",
            f"{total} active risks by probability (rows, {size} at the top) and impact "
            f"(columns, 1 on the left); each cell shows its count and R, A or G for its "
            f"score against the thresholds ({grid.amber_threshold} amber, "
            f"{grid.escalation_threshold} red).",
        )
    ]
    for p in range(size, 0, -1):
        y = top + (size - p) * _CELL
        parts.append(_text(left - 8, y + _CELL / 2 + 5, str(p), "axis", "end"))
        for i in range(1, size + 1):
            xx = left + (i - 1) * _CELL
            count = heat.cells.get((p, i), 0)
            grade = _grade(p * i, grid)
            parts.append(
                f'<g class="cell {grade}" data-probability="{p}" data-impact="{i}" '
                f'data-count="{count}"><rect x="{xx}" y="{y}" width="{_CELL}" height="{_CELL}"/>'
                f"<title>probability {p}, impact {i}: {count} risks ({grade})</title>"
                + _text(xx + _CELL / 2, y + _CELL / 2 + 7, str(count), "count", "middle")
                + _text(xx + 5, y + 13, grade[0].upper(), "grade")
                + "</g>"
            )
    for i in range(1, size + 1):
        middle = left + (i - 0.5) * _CELL
        parts.append(_text(middle, top + size * _CELL + 18, str(i), "axis", "middle"))
    parts.append(_text(left + size * _CELL / 2, height - 8, "Impact", "axis-title", "middle"))
    parts.append(
        f'<text class="axis-title" x="18" y="{_n(top + size * _CELL / 2)}" '
        f'text-anchor="middle" transform="rotate(-90 18 {_n(top + size * _CELL / 2)})">'
        "Probability</text>"
    )
    return "".join(parts) + "</svg>"


# --- benefits --------------------------------------------------------------------------

_BAR, _GAP, _PLOT_H = 26, 24, 220


def benefits_svg(years: Sequence[tuple[FinancialYear, BenefitTotals]]) -> str:
    """Grouped bars by financial year: planned (solid) beside actual (hatched).

    >>> from progman.control import BenefitTotals
    >>> svg = benefits_svg([(FinancialYear.parse("2012/13"),
    ...     BenefitTotals(planned=Decimal(100), actual=Decimal(50)))])
    >>> svg.count('class="bar planned"'), svg.count('class="bar actual"')
    (1, 1)
    """
    left, top = 80, 30
    values = [v for _, t in years for v in (t.planned, t.actual)]
    high = max([Decimal(0), *values])
    low = min([Decimal(0), *values])
    scale = float(high - low) or 1.0
    width = left + len(years) * (2 * _BAR + _GAP) + _GAP
    height = top + _PLOT_H + 40

    def y(value: Decimal) -> float:
        return top + _PLOT_H * float(high - value) / scale

    parts = [
        _open(
            "benefits",
            max(width, 320),
            height,
            "Benefits by financial year, planned and actual",
            f"Grouped bars for {len(years)} financial years: planned value solid, actual "
            f"value hatched, net of dis-benefits; the largest is {short_money(high)}.",
        ),
        "<defs>" + _HATCH.format(id="actual-hatch", fill="#ffffff", ink="#1d70b8") + "</defs>",
        _text(left - 6, y(high) + 4, short_money(high), "axis", "end"),
        _text(left - 6, y(Decimal(0)) + 4, "£0", "axis", "end"),
        f'<line class="axis-line" x1="{left}" y1="{_n(y(Decimal(0)))}" x2="{_n(width)}" '
        f'y2="{_n(y(Decimal(0)))}"/>',
        f'<rect class="bar planned key" x="{left}" y="6" width="12" height="12"/>',
        _text(left + 16, 16, "planned"),
        f'<rect class="bar actual key" x="{left + 90}" y="6" width="12" height="12"/>',
        _text(left + 106, 16, "actual"),
    ]
    for n, (year, totals) in enumerate(years):
        x0 = left + _GAP + n * (2 * _BAR + _GAP)
        for k, (kind, value) in enumerate((("planned", totals.planned), ("actual", totals.actual))):
            top_y, bottom = sorted((y(value), y(Decimal(0))))
            parts.append(
                f'<rect class="bar {kind}" x="{x0 + k * _BAR}" y="{_n(top_y)}" width="{_BAR - 2}" '
                f'height="{_n(bottom - top_y)}"><title>{year.label} {kind}: '
                f"{escape(short_money(value))}</title></rect>"
            )
        parts.append(_text(x0 + _BAR, top + _PLOT_H + 18, year.label, "axis", "middle"))
    return "".join(parts) + "</svg>"


# --- benefits map ----------------------------------------------------------------------

MAP_COLUMN_WIDTH = 230
"""Horizontal distance between the benefits map's columns."""
MAP_BOX_WIDTH = 190
MAP_ROW_HEIGHT = 30
_MAP_LABEL = 30  # characters shown in a box; the full name is in its tooltip
_MAP_COLUMNS = (
    ("project", "Projects"),
    ("capability", "Capabilities"),
    ("outcome", "Outcomes"),
    ("benefit", "Benefits"),
    ("objective", "Objectives"),
)


_COLUMN_OF = {kind: n for n, (kind, _) in enumerate(_MAP_COLUMNS)} | {"dis_benefit": 3}


def _column(kind: str) -> int:
    return _COLUMN_OF[kind]


def _map_rows(bmap: BenefitsMap, drawn: list[str]) -> dict[str, tuple[int, int]]:
    """Column and row of each drawn node: within a column, nodes sit in the order of
    the mean row of the nodes pointing at them (fewer crossing arrows), ties by id."""
    place: dict[str, tuple[int, int]] = {}
    columns: list[list[str]] = [[] for _ in _MAP_COLUMNS]
    for node in drawn:
        columns[_column(bmap.nodes[node][0])].append(node)
    for column, here in enumerate(columns):

        def weight(node: str) -> tuple[float, str]:
            rows = [place[p][1] for p in bmap.predecessors(node) if p in place]
            return (sum(rows) / len(rows) if rows else float("inf"), node)

        ordered = sorted(here, key=weight) if column else here
        place.update({node: (column, row) for row, node in enumerate(ordered)})
    return place


def benefits_map_svg(bmap: BenefitsMap) -> str:
    """The benefits map left to right: projects, capabilities, outcomes, benefits (and
    dis-benefits, dashed), objectives, with an arrow for every link. Nodes linked to
    nothing are left out (the map rules name them). Each box's tooltip gives its full
    name and kind; long names are shortened in the box.

    Node `(column c, row r)` has its box's top-left corner at
    `(10 + c * MAP_COLUMN_WIDTH, 40 + r * MAP_ROW_HEIGHT)`; an arrow runs from the middle
    of its source box's right edge to the middle of its target box's left edge.

    >>> import progman as pm
    >>> from progman.control.benefits_map import benefits_map
    >>> otp = pm.Programme(id="otp", name="OTP", projects=[pm.Project(id="p", name="Portal")],
    ...     benefits=[pm.Benefit(id="b", name="Less contact", enabled_by=["p"],
    ...                          objectives=["Savings"])])
    >>> svg = benefits_map_svg(benefits_map(otp))
    >>> svg.count('class="node '), svg.count('class="link')
    (3, 2)
    """
    drawn = [n for n in bmap.nodes if bmap.degree(n)]
    place = _map_rows(bmap, drawn)
    rows = max((row for _, row in place.values()), default=-1) + 1
    width = 20 + (len(_MAP_COLUMNS) - 1) * MAP_COLUMN_WIDTH + MAP_BOX_WIDTH
    height = 50 + max(rows, 1) * MAP_ROW_HEIGHT
    box_h = MAP_ROW_HEIGHT - 8

    def corner(node: str) -> tuple[float, float]:
        column, row = place[node]
        return 10 + column * MAP_COLUMN_WIDTH, 40 + row * MAP_ROW_HEIGHT

    per_column = Counter(column for column, _ in place.values())
    counts = {title: per_column[c] for c, (_, title) in enumerate(_MAP_COLUMNS)}
    parts = [
        _open(
            "benefits-map",
            width,
            height,
            "Benefits map: projects to capabilities, outcomes, benefits and objectives",
            "Left to right: "
            + ", ".join(f"{count} {title.lower()}" for title, count in counts.items())
            + f"; {len(bmap.edges)} links, each an arrow from what enables to what it enables.",
        ),
        '<defs><marker id="map-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="6" '
        'markerHeight="6" orient="auto"><path d="M0,0 L8,4 L0,8 z" class="arrow-head"/>'
        "</marker></defs>",
    ]
    for column, (_, title) in enumerate(_MAP_COLUMNS):
        parts.append(_text(10 + column * MAP_COLUMN_WIDTH, 24, title, "axis-title"))
    for edge in bmap.edges:
        if edge.source not in place or edge.target not in place:
            continue
        x1, y1 = corner(edge.source)
        x2, y2 = corner(edge.target)
        x1, y1, y2 = x1 + MAP_BOX_WIDTH, y1 + box_h / 2, y2 + box_h / 2
        bend = max(40.0, abs(x2 - x1) / 2)
        parts.append(
            f'<path class="link" d="M{_n(x1)},{_n(y1)} C{_n(x1 + bend)},{_n(y1)} '
            f'{_n(x2 - bend)},{_n(y2)} {_n(x2)},{_n(y2)}" marker-end="url(#map-arrow)">'
            f"<title>{escape(f'{edge.source} {edge.relation} {edge.target}')}</title></path>"
        )
    for node in drawn:
        kind, name = bmap.nodes[node]
        x, y = corner(node)
        label = name if len(name) <= _MAP_LABEL else name[: _MAP_LABEL - 1] + "…"
        css = kind.replace("_", "-")
        parts.append(
            f'<g class="node {css}"><title>{escape(f"{name} ({css} {node})")}</title>'
            f'<rect x="{_n(x)}" y="{_n(y)}" width="{MAP_BOX_WIDTH}" height="{box_h}" rx="4"/>'
            + _text(x + 6, y + box_h / 2 + 4, label, "label")
            + "</g>"
        )
    return "".join(parts) + "</svg>"


# --- risk analysis ----------------------------------------------------------------------

_CURVE_W, _CURVE_H = 600, 220


def s_curve_svg(result: RiskAnalysis) -> str:
    """The programme finish's S-curve: per cent of iterations finished by each day, with
    the plan's date and the P80 marked.

    x is calendar days from the first to the last iteration's finish, y the cumulative
    per cent (0 at the bottom, 100 at the top).

    >>> import progman
    >>> p = progman.Programme(id="p", name="P", start="2013-01-07", projects=[
    ...     progman.Project(id="x", name="X", tasks=[progman.Task(id="a", name="A",
    ...         duration=10, estimate={"optimistic": 8, "most_likely": 10, "pessimistic": 15})])])
    >>> svg = s_curve_svg(progman.risk_analysis(p, iterations=200, seed=1))
    >>> svg.count('class="curve"'), svg.count('class="marker p80"')
    (1, 1)
    """
    left, top = 60, 20
    points = result.s_curve()
    spread = result.finish
    first, last = points[0][0], points[-1][0]
    if spread.plan is not None:
        first, last = min(first, spread.plan), max(last, spread.plan)
    pad = timedelta(days=max(7, (last - first).days // 20))
    first, last = first - pad, last + pad  # room either side, even when every run agrees
    span = (last - first).days

    def x(day: date) -> float:
        return left + _CURVE_W * (day - first).days / span

    def y(share: float) -> float:
        return top + _CURVE_H * (1 - share / 100)

    path = [f"M{_n(x(first))} {_n(y(0))}"]
    for day, share in points:  # flat until a day some iteration finishes, then a step up
        path.append(f"H{_n(x(day))} V{_n(y(share))}")
    path.append(f"H{_n(x(last))}")
    parts = [
        _open(
            "s-curve",
            left + _CURVE_W + 30,
            top + _CURVE_H + 50,
            "Programme finish: chance of finishing by each date",
            f"Cumulative share of {result.iterations:,} iterations finished by each date. "
            f"P50 {spread.p50.isoformat()}, P80 {spread.p80.isoformat()}, "
            f"P90 {spread.p90.isoformat()}; the plan's date is met in "
            f"{spread.plan_percentile}% of iterations.",
        ),
        f'<line class="axis-line" x1="{left}" y1="{_n(y(0))}" x2="{left + _CURVE_W}" '
        f'y2="{_n(y(0))}"/>',
        f'<line class="axis-line" x1="{left}" y1="{_n(y(0))}" x2="{left}" y2="{_n(y(100))}"/>',
    ]
    for share in (0, 50, 80, 100):
        parts.append(_text(left - 6, y(share) + 4, f"{share}%", "axis", "end"))
        parts.append(
            f'<line class="tick" x1="{left}" y1="{_n(y(share))}" x2="{left + _CURVE_W}" '
            f'y2="{_n(y(share))}"/>'
        )
    parts.append(f'<path class="curve" d="{" ".join(path)}" fill="none"/>')
    marks = [("p80", spread.p80, f"P80 {long_date(spread.p80)}")]
    if spread.plan is not None and first <= spread.plan <= last:
        marks.append(("plan", spread.plan, f"plan {long_date(spread.plan)}"))
    for k, (css, day, label) in enumerate(marks):
        parts.append(
            f'<line class="marker {css}" x1="{_n(x(day))}" y1="{_n(y(0))}" x2="{_n(x(day))}" '
            f'y2="{_n(y(100))}"/>'
        )
        parts.append(_text(x(day), top + _CURVE_H + 18 + 14 * k, label, "axis", "middle"))
    parts.append(_text(left, top + _CURVE_H + 46, long_date(first), "axis"))
    parts.append(_text(left + _CURVE_W, top + _CURVE_H + 46, long_date(last), "axis", "end"))
    return "".join(parts) + "</svg>"


def tornado_svg(drivers: Sequence[RiskDriver]) -> str:
    """The tornado: one bar per risk, its length the working days it adds to the P80
    finish (to the left for an opportunity that takes days off), largest first.

    >>> from progman.analysis import RiskDriver
    >>> svg = tornado_svg([RiskDriver("R1", "Legal challenge", 30.0, 31.0, 12, None),
    ...                    RiskDriver("R2", "Early supplier", 20.0, 19.0, -3, None)])
    >>> svg.count('class="bar threat"'), svg.count('class="bar opportunity"')
    (1, 1)
    """
    left, top, row, plot = 260, 24, 22, 360
    widest = max([1, *(abs(d.p80_finish_days) for d in drivers)])
    middle = left + plot / 2
    scale = plot / 2 / widest
    height = top + row * max(len(drivers), 1) + 30
    parts = [
        _open(
            "tornado",
            left + plot + 40,
            height,
            "Risks by their effect on the P80 finish",
            f"{len(drivers)} risks; the largest moves the P80 finish by {widest} working days.",
        ),
        f'<line class="axis-line" x1="{_n(middle)}" y1="{top - 4}" x2="{_n(middle)}" '
        f'y2="{_n(height - 26)}"/>',
        _text(middle, 14, "working days added to the P80 finish", "axis", "middle"),
    ]
    for k, driver in enumerate(drivers):
        y0 = top + k * row
        days = driver.p80_finish_days
        kind = "opportunity" if days < 0 else "threat"
        x0 = middle + min(days, 0) * scale
        label = f"{driver.id}: {driver.title}"
        parts.append(_text(left - 8, y0 + 14, label[:40], "label", "end"))
        parts.append(
            f'<rect class="bar {kind}" x="{_n(x0)}" y="{y0 + 3}" width="{_n(abs(days) * scale)}" '
            f'height="{row - 6}"><title>{escape(label)}: {days} working days</title></rect>'
        )
        parts.append(_text(middle + max(days, 0) * scale + 4, y0 + 15, f"{days:+d}", "axis"))
    return "".join(parts) + "</svg>"
