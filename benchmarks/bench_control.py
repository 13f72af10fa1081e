"""Status of a generated programme: 1,000 projects, 5 years of monthly benefit profiles.

Times what `progman status` computes, end to end from the model: the schedule,
earned value and forecasts at the status date, RAG for every project and the
programme (with the tolerance rules' judgement), benefits by financial year and
the RAID roll-up. Prints seconds (model construction printed apart) and peak
memory. Target: under 1 s on the 2-core machine (issue 11).
"""

from __future__ import annotations

import resource
import time
from datetime import date, timedelta
from typing import Any

from benchmarks.bench_rules import forecast_cpu
from progman import Programme
from progman.control import rag_status, raid_roll_up

PROJECTS = 1_000
TASKS = 10
RISKS = 5
MONTHS = 60
START = date(2013, 4, 1)
STATUS = date(2014, 1, 15)


def _month(k: int) -> tuple[str, str]:
    year, month = divmod(3 + k, 12)  # April 2013 onwards
    first = date(2013 + year, month + 1, 1)
    following = date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return first.isoformat(), (following - timedelta(days=1)).isoformat()


def generate(count: int = PROJECTS) -> dict[str, Any]:
    """Plain data: `count` projects, each a chain of tasks, some progressed; one benefit
    each."""
    projects, benefits = [], []
    months = [_month(k) for k in range(MONTHS)]
    for p in range(count):
        pid = f"p{p}"
        offset = (p % 50) * 3
        tasks = []
        for t in range(TASKS):
            task: dict[str, Any] = {
                "id": f"{pid}-t{t}",
                "name": f"Task {t}",
                "duration": 5 + (p + t) % 10,
                "budget": 10_000 + 1_000 * (t % 4),
            }
            if t:
                task["depends_on"] = [f"{pid}-t{t - 1}"]
            if t < 3:
                task["actual_start"] = (START + timedelta(days=offset + 14 * t)).isoformat()
                task["percent_complete"] = 100 if t < 2 else 40
                task["actual_cost"] = 11_000 + 500 * (p % 7)
                if t < 2:
                    task["actual_finish"] = (
                        START + timedelta(days=offset + 14 * t + 7)
                    ).isoformat()
            tasks.append(task)
        projects.append(
            {
                "id": pid,
                "name": f"Project {p}",
                "budget": 130_000,
                "start": (START + timedelta(days=offset)).isoformat(),
                "finish": (START + timedelta(days=offset + 150)).isoformat(),
                "tolerances": [
                    {"aspect": "cost", "plus": 10},
                    {"aspect": "time", "plus": 10, "unit": "absolute"},
                    {"aspect": "benefits", "minus": 10},
                ],
                "tasks": tasks,
                "risks": [
                    {
                        "id": f"{pid}-r{r}",
                        "title": f"Risk {r}",
                        "probability": 1 + (p + r) % 5,
                        "impact": 1 + (p * r) % 5,
                        "impact_value": 50_000,
                        "owner": "sro",
                    }
                    for r in range(RISKS)
                ],
            }
        )
        benefits.append(
            {
                "id": f"b{p}",
                "name": f"Benefit {p}",
                "enabled_by": [pid],
                "owner": "sro",
                "kind": "dis_benefit" if p % 10 == 0 else "benefit",
                "profile": {
                    "kpi": "Saving",
                    "periods": [
                        {
                            "start": first,
                            "end": last,
                            "planned": 1_000,
                            **({"actual": 900} if k < 9 else {}),
                        }
                        for k, (first, last) in enumerate(months)
                    ],
                },
            }
        )
    return {
        "id": "bench",
        "name": "Benchmark programme",
        "start": START.isoformat(),
        "status_date": STATUS.isoformat(),
        "sro": "sro",
        "people": [{"id": "sro", "name": "SRO"}],
        "projects": projects,
        "benefits": benefits,
    }


def main() -> None:
    """Build the programme, then time the status computation."""
    began = time.perf_counter()
    programme = Programme.model_validate(generate())
    built = time.perf_counter() - began
    periods = sum(len(b.profile.periods) for b in programme.benefits if b.profile)
    print(
        f"model: {PROJECTS} projects, {PROJECTS * TASKS} tasks, {PROJECTS * RISKS} risks, "
        f"{len(programme.benefits)} benefits with {periods} monthly periods "
        f"(built in {built:.2f} s, not counted)"
    )
    best = best_cpu = float("inf")
    for _ in range(3):
        cpu = time.process_time()
        began = time.perf_counter()
        rag = rag_status(programme, status_date=STATUS)
        by_year = rag.forecast.benefits.by_year() if rag.forecast else {}
        board = raid_roll_up(programme).for_programme_board()
        best = min(best, time.perf_counter() - began)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"status (schedule, earned value, RAG, benefits by year, RAID): {best:.2f} s "
        f"({best_cpu:.2f} s CPU) best of 3; "
        f"peak process memory {peak:.0f} MiB; {len(rag.projects)} projects judged, "
        f"{len(by_year)} financial years, {len(board)} risks for the board"
    )
    print(
        f"  of which the forecast of every level: "
        f"{forecast_cpu(programme, STATUS):.3f} s CPU, best of 3"
    )


if __name__ == "__main__":
    main()
