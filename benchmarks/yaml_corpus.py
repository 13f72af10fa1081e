"""A large, valid programme definition for the YAML benchmarks (about 5 MB at the default size).

Deterministic: the same arguments always give the same text, so figures compare across runs.
"""

from __future__ import annotations

import random

__all__ = ["programme_yaml"]

_STATUSES = ("mandated", "initiating", "delivering", "closed")
_RESPONSES = ("reduce", "avoid", "accept", "transfer")


def programme_yaml(projects: int = 4000, seed: int = 7) -> str:
    """YAML text of a programme with `projects` projects (stages, tasks, risks, benefits)."""
    rng = random.Random(seed)
    out: list[str] = [
        "# Generated benchmark programme: every project has two stages of tasks,",
        "# a milestone, risks, an issue and a benefit.",
        "id: bench",
        "name: Benchmark Transformation Programme",
        "vision: >-",
        "  A council that costs less to run.",
        "start: 2012-04-02",
        "sro: p0",
        "savings_target: 15.9m",
        "people:",
    ]
    people = max(10, projects // 20)
    out += [f"  - {{id: p{i}, name: Person {i}}}" for i in range(people)]
    out += [
        "tranches:",
        "  - {id: t1, name: Tranche 1, start: 2012-04-01, end: 2013-03-31}",
        "  - {id: t2, name: Tranche 2, start: 2013-04-01, end: 2017-03-31}",
        "projects:",
    ]
    for p in range(projects):
        pm = f"p{rng.randrange(people)}"
        out += [
            f"  - id: proj-{p}",
            f"    name: Project number {p} of the programme",
            f"    executive: p{rng.randrange(people)}",
            f"    project_manager: {pm}",
            f"    tranche: t{1 + p % 2}",
            f"    status: {_STATUSES[p % len(_STATUSES)]}",
            f"    start: 2013-{1 + p % 12:02d}-{1 + p % 28:02d}",
            f"    budget: {rng.randrange(50, 5000)}k",
            "    stages:",
        ]
        for s in range(2):
            out += [
                f"      - id: proj-{p}-s{s}",
                f"        name: Stage {s}",
                f"        kind: {'initiation' if s == 0 else 'delivery'}",
                "        tasks:",
            ]
            previous = None
            for t in range(2):
                task = f"proj-{p}-s{s}-t{t}"
                dep = f", depends_on: [{previous}]" if previous else ""
                out.append(
                    f"          - {{id: {task}, name: Task {t} of stage {s}, "
                    f"duration: {rng.randrange(1, 40)}, owner: {pm}{dep}}}"
                )
                previous = task
        out += [
            "    milestones:",
            f"      - id: proj-{p}-live",
            "        name: Go live",
            f"        depends_on: [proj-{p}-s1-t1]",
            "    risks:",
        ]
        for r in range(1):
            out += [
                f"      - id: R-{p}-{r}",
                f"        title: Risk {r} to project {p} (supplier capacity)",
                f"        probability: {rng.randrange(1, 6)}",
                f"        impact: {rng.randrange(1, 6)}",
                f"        owner: {pm}",
                f"        response: {_RESPONSES[(p + r) % len(_RESPONSES)]}",
                "        raised_on: 2012-11-05",
            ]
        out += [
            "    issues:",
            f"      - {{id: I-{p}, title: Issue on project {p}, type: problem_concern, "
            "raised_on: 2012-12-03}",
        ]
    out.append("benefits:")
    for b in range(projects):
        out += [
            f"  - id: b-{b}",
            f"    name: Saving from project {b}",
            "    category: cashable",
            f"    owner: p{rng.randrange(people)}",
            f"    enabled_by: [proj-{b}]",
            "    profile:",
            "      kpi: Annual saving",
            "      unit: GBP",
            "      periods:",
            f"        - {{financial_year: 2013/14, planned: {rng.randrange(10, 900)}k}}",
        ]
    return "\n".join(out) + "\n"
