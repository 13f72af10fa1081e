"""The board report as one self-contained HTML file.

Nothing is fetched when it opens: the CSS is inline, the charts are inline SVG,
no script and no web font is used. The page is semantic HTML (header, nav,
main, sections with h2, tables with captions and scoped header cells) so a
screen reader can move through it, every RAG cell carries its word as well as
its colour, and a print style sheet keeps sections and rows whole on paper.
"""

from __future__ import annotations

from ..words import long_date
from ._escape import escape
from .board import BoardReport
from .svg import (
    benefits_map_svg,
    benefits_svg,
    gantt_svg,
    heat_map_svg,
    s_curve_svg,
    tornado_svg,
)
from .tables import (
    Table,
    benefits_table,
    confidence_table,
    facts,
    findings_table,
    issues_table,
    lessons_table,
    milestones_table,
    rag_table,
    reasons,
    reconciliation_table,
    risk_drivers_table,
    risks_table,
    targets_table,
)

__all__ = ["render_html"]

# GOV.UK Design System colours: the palette council staff already read.
_CSS = """
:root { --ink: #0b0c0c; --muted: #505a5f; --line: #b1b4b6; --blue: #1d70b8;
  --red: #d4351c; --amber: #f47738; --green: #00703c; --paper: #ffffff; --band: #f3f2f1; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 Arial, Helvetica, sans-serif; color: var(--ink);
  background: var(--paper); }
header { background: var(--ink); color: #fff; padding: 1rem 2rem; }
header h1 { margin: 0; font-size: 1.8rem; }
header p { margin: .25rem 0 0; }
nav { border-bottom: 1px solid var(--line); padding: .5rem 2rem; }
nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 1.25rem; }
nav a { color: var(--blue); }
main { padding: 0 2rem 2rem; max-width: 80rem; }
section { margin-top: 1.5rem; }
h2 { border-bottom: 3px solid var(--ink); padding-bottom: .2rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th { background: var(--band); }
td.rag { font-weight: bold; white-space: nowrap; }
td.rag-red { background: var(--red); color: #fff; }
td.rag-amber, td.rag-amber-red, td.rag-amber-green { background: var(--amber); color: var(--ink); }
td.rag-green { background: var(--green); color: #fff; }
td.rag-not-assessed { color: var(--muted); font-weight: normal; }
.figure { overflow-x: auto; }
svg.chart { font: 12px Arial, Helvetica, sans-serif; max-width: none; }
svg .axis, svg .today-label { fill: var(--muted); }
svg .axis-title { fill: var(--ink); font-weight: bold; }
svg .tick, svg .axis-line { stroke: var(--line); stroke-width: 1; }
svg .stripe { fill: var(--band); }
svg .curve { stroke: var(--blue); stroke-width: 2; }
svg .marker { stroke: var(--ink); stroke-dasharray: 4 3; }
svg .marker.p80 { stroke-width: 2; }
svg .bar.threat { fill: #b10e1e; }
svg .bar.opportunity { fill: #00703c; }
svg .label { fill: var(--ink); }
svg .label.project { font-weight: bold; }
svg .label.critical { font-weight: bold; fill: #b10e1e; }
svg .bar.task { fill: var(--blue); }
svg .bar.project, svg .bar.stage { fill: var(--ink); }
svg .bar.milestone { fill: var(--ink); }
svg .bar.critical { fill: url(#critical-hatch); stroke: #b10e1e; stroke-width: 2; }
svg .today { stroke: var(--red); stroke-width: 2; stroke-dasharray: 5 3; }
svg .cell rect { stroke: #fff; stroke-width: 2; }
svg .cell.red rect { fill: var(--red); }
svg .cell.amber rect { fill: var(--amber); }
svg .cell.green rect { fill: var(--green); }
svg .cell .count { font-size: 20px; font-weight: bold; fill: #fff; }
svg .cell.amber .count, svg .cell.amber .grade { fill: var(--ink); }
svg .cell .grade { font-size: 11px; fill: #fff; }
svg .cell[data-count="0"] .count { opacity: .45; }
svg .bar.planned { fill: var(--blue); }
svg .bar.actual { fill: url(#actual-hatch); stroke: var(--blue); stroke-width: 1.5; }
svg .node rect { fill: var(--paper); stroke: var(--ink); stroke-width: 1; }
svg .node.project rect { fill: var(--band); }
svg .node.objective rect { stroke: var(--blue); stroke-width: 2; }
svg .node.dis-benefit rect { stroke-dasharray: 4 3; }
svg .link { fill: none; stroke: var(--muted); stroke-width: 1.2; }
svg .arrow-head { fill: var(--muted); }
.none { color: var(--muted); }
@media print {
  body { font-size: 10pt; }
  header { background: none; color: var(--ink); padding: 0; border-bottom: 2px solid var(--ink); }
  nav { display: none; }
  main { padding: 0; max-width: none; }
  section { break-inside: avoid-page; }
  tr, svg { break-inside: avoid; }
  td.rag-red, td.rag-amber, td.rag-green, td.rag-amber-red, td.rag-amber-green,
  svg .cell rect { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .figure { overflow: visible; }
  svg.chart { max-width: 100%; height: auto; }
}
"""

_SECTIONS = (
    ("summary", "Summary"),
    ("rag", "RAG status"),
    ("schedule", "Schedule"),
    ("milestones", "Milestones"),
    ("risk-analysis", "Schedule risk"),
    ("risks", "Risks"),
    ("issues", "Issues"),
    ("benefits", "Benefits"),
    ("lessons", "Lessons"),
    ("findings", "Findings"),
)


def _slug(label: str) -> str:
    return "rag-" + label.lower().replace(" ", "-")


def table_html(table: Table) -> str:
    """A table with its caption, `th scope="col"` header and `th scope="row"` row headings.

    >>> html = table_html(Table("Money", ("Year", "Planned"), (("2012/13", "£1"),)))
    >>> html[:70]
    '<table><caption>Money</caption><thead><tr><th scope="col">Year</th><th'
    >>> html[-71:]
    '<tbody><tr><th scope="row">2012/13</th><td>£1</td></tr></tbody></table>'
    """
    return "".join(_table(table))


# The page is some megabytes (a 1,000-project report is 8 million characters): its parts
# are kept as lists of strings and joined once, since each join of a large part would copy it.


def _table(table: Table) -> list[str]:
    """`table_html`'s text, in parts."""
    if not table.rows:
        return [f'<p class="none">{escape(table.caption)}: none.</p>']
    head = "".join(f'<th scope="col">{escape(cell)}</th>' for cell in table.header)
    parts = [f"<table><caption>{escape(table.caption)}</caption><thead><tr>{head}</tr></thead>"]
    parts.append("<tbody>")
    rag = table.rag_columns
    for heading, *cells in table.rows:
        row = f'<tr><th scope="row">{escape(heading)}</th>'
        if rag:
            for n, cell in enumerate(cells, start=1):
                css = f' class="rag {_slug(cell)}"' if n in rag else ""
                row += f"<td{css}>{escape(cell)}</td>"
        elif cells:  # no coloured column (most tables): the cells joined in one pass
            row += "<td>" + "</td><td>".join(map(escape, cells)) + "</td>"
        parts.append(row + "</tr>")
    parts.append("</tbody></table>")
    return parts


def _list(items: list[str], empty: str) -> str:
    if not items:
        return f'<p class="none">{escape(empty)}</p>'
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _section(anchor: str, title: str, *body: str | list[str]) -> list[str]:
    parts = [
        f'<section id="{anchor}" aria-labelledby="{anchor}-h"><h2 id="{anchor}-h">'
        f"{escape(title)}</h2>"
    ]
    for part in body:
        if isinstance(part, str):
            parts.append(part)
        else:
            parts.extend(part)
    parts.append("</section>")
    return parts


def _figure(svg: str) -> list[str]:
    return ['<div class="figure">', svg, "</div>"]


def _schedule(report: BoardReport) -> list[str]:
    if not report.gantt:
        return ['<p class="none">The programme could not be scheduled: see the findings.</p>']
    return [
        f"<p>Forecast finish: <strong>{long_date(report.finish)}</strong>.</p>"
        f"<h3>Critical path</h3>{_list(report.critical_path_names, 'No critical path.')}"
        f"<h3>Gantt chart</h3>"
        f"<p>Critical items (no float to spare: the critical path and any chain driving a "
        f"missed deadline) are hatched, outlined heavier and labelled “(critical)”; "
        f"milestones are diamonds; the dashed line is the status date.</p>",
        *_figure(gantt_svg(report.gantt, report.status_date)),
    ]


def _benefits_map(report: BoardReport) -> list[str]:
    if not report.benefits_map.edges:
        return []
    return [
        "<h3>Benefits map</h3><p>Left to right, what each project enables: capabilities, "
        "outcomes, benefits (dis-benefits dashed) and the strategic objectives they serve. "
        "Hover over a box or an arrow for its full name.</p>",
        *_figure(benefits_map_svg(report.benefits_map)),
    ]


def _risk_analysis(report: BoardReport) -> list[str]:
    result = report.risk_analysis
    if result is None:
        return []
    spread = result.finish
    return _section(
        "risk-analysis",
        "Schedule risk",
        f"<p>Over {result.iterations:,} simulated runs of the plan (seed {result.seed}), the "
        f"programme finishes by <strong>{long_date(spread.p80)}</strong> in 80% of them "
        f"(P80); the plan's date, {long_date(spread.plan)}, is met in "
        f"{spread.plan_percentile:g}%. Commit to the P80.</p>",
        "<h3>Chance of finishing by each date (S-curve)</h3>",
        _figure(s_curve_svg(result)),
        _table(confidence_table(report)),
        "<h3>What drives the P80 finish (tornado)</h3>",
        _figure(tornado_svg(result.drivers))
        if result.drivers
        else '<p class="none">No register risk names the tasks it would delay.</p>',
        _table(risk_drivers_table(report)) if result.drivers else "",
    )


def render_html(report: BoardReport) -> str:
    """The whole board report as one HTML document (a string), ready to write to a file.

    >>> import datetime, progman as pm
    >>> from progman.report import board_report
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07")
    >>> page = render_html(board_report(programme, status_date=datetime.date(2013, 1, 9)))
    >>> page.startswith("<!DOCTYPE html>"), "<h1>OTP</h1>" in page
    (True, True)
    """
    fact_list = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in facts(report)
    )
    nav = "".join(
        f'<li><a href="#{anchor}">{title}</a></li>'
        for anchor, title in _SECTIONS
        if anchor != "risk-analysis" or report.risk_analysis is not None
    )
    title = f"{report.name}: board report at {long_date(report.status_date)}"
    return "".join(
        [
            '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            # An empty icon: without it a browser asks for /favicon.ico.
            '<link rel="icon" href="data:,">'
            f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{escape(report.name)}</h1>"
            f"<p>Programme board report at {long_date(report.status_date)} "
            f"({escape(report.programme_id)})</p>"
            f'</header><nav aria-label="Sections"><ul>{nav}</ul></nav><main>',
            *_section("summary", "Summary", f'<dl class="facts">{fact_list}</dl>'),
            *_section(
                "rag",
                "RAG status",
                _table(rag_table(report)),
                "<h3>Reasons for amber and red</h3>",
                _list(reasons(report), "Everything is green."),
            ),
            *_section("schedule", "Schedule", _schedule(report)),
            *_section("milestones", "Milestones", _table(milestones_table(report))),
            *_risk_analysis(report),
            *_section(
                "risks",
                "Risks",
                "<h3>Heat map of active risks</h3>",
                _figure(heat_map_svg(report.heat_map, report.risk_grid)),
                _table(risks_table(report)),
            ),
            *_section("issues", "Issues", _table(issues_table(report))),
            *_section(
                "benefits",
                "Benefits",
                _figure(benefits_svg(report.benefits_by_year)),
                _table(benefits_table(report)),
                _table(targets_table(report)),
                _table(reconciliation_table(report)),
                _benefits_map(report),
            ),
            *_section("lessons", "Lessons", _table(lessons_table(report))),
            *_section("findings", "Findings", _table(findings_table(report))),
            "</main></body></html>\n",
        ]
    )
