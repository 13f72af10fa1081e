"""`progman compare PATH [--baseline ID] [--to ID]`: what moved since a baseline, and the
approved changes behind the baselines taken since.

A thin shell over `progman.control.compare`, `compare_baselines` and `baseline_basis`:
the programme as it stands at the status date (or a later baseline, `--to`) against a
baseline (the latest by default). A programme with no baselines has nothing to compare:
it says so and exits 0.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from ._args import add_format, add_programme_path, add_status_date, load_programme, status_date
from ._contract import EXIT_OK, CommandError, cannot_schedule, print_json

if TYPE_CHECKING:
    from ..control import BaselineBasis, Change
    from ..model import Baseline


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `compare` subcommand."""
    parser = subparsers.add_parser(
        "compare",
        help="what moved since a baseline, and the approved changes behind later baselines",
        description="Compare the programme at the status date (or a later baseline, --to) "
        "with a baseline (the latest by default): dates slipped or pulled in, budgets "
        "changed, work added or removed, risks and benefit profiles; and, for each "
        "baseline taken since, the approved change or exception plan it rests on.",
    )
    add_programme_path(parser)
    add_status_date(parser)
    add_format(parser)
    parser.add_argument(
        "--baseline", metavar="ID", help="the baseline to compare from (default: the latest)"
    )
    parser.add_argument(
        "--to", metavar="ID", help="a later baseline to compare with, instead of the plan now"
    )
    parser.set_defaults(handler=handle)


def _baseline(baseline: Baseline | None) -> dict[str, Any] | None:
    if baseline is None:
        return None
    return {
        "id": baseline.id,
        "name": baseline.name,
        "date": baseline.date,
        "approval": baseline.approval,
    }


def _basis(basis: BaselineBasis) -> dict[str, Any]:
    approval, issue = basis.approval, basis.issue
    impact = issue.impact_assessment if issue is not None else None
    return {
        "baseline": basis.baseline.id,
        "approval": None
        if approval is None
        else {
            "id": approval.id,
            "decision": str(approval.decision),
            "outcome": str(approval.outcome),
            "approvers": list(approval.approvers),
            "date": approval.date,
            "delegation": approval.delegation,
            "value": approval.value,
        },
        "change": None
        if issue is None
        else {
            "id": issue.id,
            "title": issue.title,
            "type": str(issue.type),
            "impact": None
            if impact is None
            else {"time": impact.time, "cost": impact.cost, "benefit": impact.benefit},
        },
    }


def _basis_text(basis: BaselineBasis) -> str:
    from ..words import money, names, words

    approval, issue = basis.approval, basis.issue
    head = f"  {basis.baseline.id} ({basis.baseline.name}, {basis.baseline.date})"
    if approval is None:
        cited = basis.baseline.approval
        return f"{head}: cites {'no approval' if cited is None else repr(cited)}"
    line = (
        f"{head}: {approval.id}, {words(approval.decision)} {words(approval.outcome)} by "
        f"{names(approval.approvers)} on {approval.date}"
    )
    if issue is not None:
        line += f" for {issue.id} ({issue.title})"
        impact = issue.impact_assessment
        if impact is not None:
            parts = []
            if impact.time is not None:
                parts.append(f"{impact.time:+d} working days")
            if impact.cost is not None:
                parts.append(f"cost {'+' if impact.cost >= 0 else '-'}{money(abs(impact.cost))}")
            if impact.benefit is not None:
                sign = "+" if impact.benefit >= 0 else "-"
                parts.append(f"benefits {sign}{money(abs(impact.benefit))}")
            if parts:
                line += f"; assessed impact {', '.join(parts)}"
    return line


def handle(args: argparse.Namespace) -> int:
    """Print the comparison; exit status as `progman --help` says."""
    from ..control import baseline_basis, compare, compare_baselines
    from ..schedule import ScheduleError, schedule

    programme = load_programme(args.path)
    day, source = status_date(args, programme)
    by_id = {baseline.id: baseline for baseline in programme.baselines}
    known = ", ".join(by_id) or "none"
    for option in ("baseline", "to"):
        wanted = getattr(args, option)
        if wanted is not None and wanted not in by_id:
            raise CommandError(f"--{option}: no baseline {wanted!r} in {args.path} ({known})")
    start = by_id[args.baseline] if args.baseline else None
    if start is None and programme.baselines:
        start = programme.baselines[-1]
    end = by_id[args.to] if args.to else None
    if start is not None and end is not None:
        order = list(by_id)
        if order.index(end.id) <= order.index(start.id):
            raise CommandError(f"--to: baseline {end.id!r} is not later than {start.id!r}")
    changes: list[Change] = []
    behind: list[BaselineBasis] = []
    if start is not None:
        behind = baseline_basis(programme, since=start.id, until=end.id if end else None)
        if end is not None:
            changes = compare_baselines(start, end, programme)
        else:
            try:
                plan = schedule(programme, status_date=day)
            except ScheduleError as error:
                raise cannot_schedule(args.path, error.findings) from None
            changes = compare(start, programme, plan)
    if args.format == "json":
        print_json(
            {
                "status_date": day,
                "status_date_source": source,
                "baseline": _baseline(start),
                "against": _baseline(end),
                "changes_behind": [_basis(basis) for basis in behind],
                "changes": [
                    {"kind": c.kind, "subject": c.subject, "message": c.message, "data": c.data}
                    for c in changes
                ],
            }
        )
        return EXIT_OK
    if start is None:
        print(f"{programme.name}: no baselines, so nothing to compare against")
        return EXIT_OK
    against = f"baseline {end.id!r} ({end.name}, {end.date})" if end else f"the plan at {day}"
    print(f"{programme.name}: baseline {start.id!r} ({start.name}, {start.date}) against {against}")
    if behind:
        print("\nBaselines since, and what each rests on:")
        for basis in behind:
            print(_basis_text(basis))
    print(f"\nWhat moved ({len(changes)}):")
    for change in changes:
        print(f"  {change}")
    if not changes:
        print("  nothing")
    return EXIT_OK
