"""`progman risk-analysis PATH`: Monte Carlo schedule and cost risk analysis.

A thin shell over `progman.risk_analysis`: load, simulate, print the P10-P90 dates, the
chance of meeting each deadline and the risks that drive the P80 finish, as text or JSON.
Exit status 0 when analysed, 1 when the programme cannot be scheduled (or a risk affects
an unknown task), 2 for usage errors and definitions that cannot be loaded.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from ..schedule import ScheduleError
from ..words import long_date
from ._args import add_format, add_programme_path, add_status_date, load_programme, status_date
from ._contract import EXIT_OK, cannot_schedule, print_json

if TYPE_CHECKING:  # the analysis needs numpy: imported when the command runs
    from ..analysis import RiskAnalysis


def _iterations(text: str) -> int:
    from ..analysis.montecarlo import MAX_ITERATIONS

    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_ITERATIONS:
        raise argparse.ArgumentTypeError(f"iterations must be 1 to {MAX_ITERATIONS:,}")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError("the seed must be 0 or more")
    return value


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `risk-analysis` subcommand."""
    parser = subparsers.add_parser(
        "risk-analysis",
        help="Monte Carlo risk analysis: how likely the dates are, and which risks drive them",
        description="Simulate the programme many times, drawing each task's three-point "
        "estimate and each register risk that affects tasks, and print the P10, P50, P80 "
        "and P90 finish of the programme, its projects and milestones, the chance of "
        "meeting each must-finish-by date, and the risks that move the P80 finish most.",
    )
    add_programme_path(parser)
    add_format(parser)
    add_status_date(parser)
    parser.add_argument(
        "--iterations",
        type=_iterations,
        default=10_000,
        metavar="N",
        help="iterations to run (default 10000)",
    )
    parser.add_argument(
        "--seed",
        type=_seed,
        default=None,
        metavar="S",
        help="random seed, for a run that can be repeated (default: drawn, and printed)",
    )
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    """Analyse and print; exit status as `progman --help` says."""
    from ..analysis import risk_analysis

    programme = load_programme(args.path)
    day, source = status_date(args, programme)
    try:
        result = risk_analysis(
            programme, iterations=args.iterations, seed=args.seed, status_date=day
        )
    except ScheduleError as error:
        raise cannot_schedule(args.path, error.findings, "analysed") from None
    if args.format == "json":
        data = result.to_dict()
        data.pop("status_date")
        print_json({"status_date": day, "status_date_source": source, **data})
        return EXIT_OK
    from ..report.board import has_uncertainty

    if not has_uncertainty(programme):
        print(
            "progman: no task carries a three-point estimate or a category default and no "
            "active risk names the tasks it delays, so every iteration is the plan "
            "(docs/risk-analysis.md says how to add them)",
            file=sys.stderr,
        )
    print(text(result))
    return EXIT_OK


def text(result: RiskAnalysis) -> str:
    """The analysis for people: dates by percentile, deadlines, and the tornado."""
    from ..analysis.montecarlo import PERCENTILES

    lines = [f"{result.iterations:,} iterations, seed {result.seed}", ""]
    header = ["", *(f"P{p}" for p in PERCENTILES), "plan", "plan is P"]
    rows = [
        [
            spread.name,
            *(long_date(getattr(spread, f"p{p}")) for p in PERCENTILES),
            long_date(spread.plan),
            "-" if spread.plan_percentile is None else f"{spread.plan_percentile:g}",
        ]
        for spread in result.spreads()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        lines.append("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    if result.deadlines:
        lines += ["", "Chance of meeting each deadline:"]
        for chance in result.deadlines:
            lines.append(f"  {chance.probability:g}%  {chance.name} (due {long_date(chance.due)})")
    if result.drivers:
        lines += ["", "Risks by their effect on the P80 finish (working days):"]
        for driver in result.drivers:
            lines.append(
                f"  {driver.p80_finish_days:+d}  {driver.id} {driver.title} "
                f"({driver.likelihood:g}% likely)"
            )
    if result.cost is not None:
        cost = result.cost
        lines += [
            "",
            "Cost: "
            + ", ".join(f"P{p} £{getattr(cost, f'p{p}'):,}" for p in PERCENTILES)
            + f"; the plan's £{cost.plan:,} is P{cost.plan_percentile:g}",
        ]
    if result.targets:
        lines += ["", "Chance of meeting each savings target (benefits moving with projects):"]
        for target in result.targets:
            lines.append(
                f"  {target.probability:g}%  {target.name} ({target.years}): "
                f"£{target.amount:,}, £{target.plan:,} forecast on plan"
            )
    return "\n".join(lines)
