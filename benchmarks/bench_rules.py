"""Validate a generated programme of 1,000 projects against every governance rule.

About 20k tasks, 5k risks, 1k benefits, 500 delegations and 5k approvals. Prints
the seconds to build the model (not part of the figure) and to validate it,
and the peak memory validation adds. Figures are taken on a shared 2-core
machine, so expect noise.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from datetime import date, timedelta
from typing import Any

import progman
from progman import Programme

PROJECTS = 1_000
STAGES = 4
TASKS_PER_STAGE = 5
RISKS_PER_PROJECT = 5
DIRECTORS = 50
MANAGERS_PER_DIRECTOR = 9
TODAY = date(2013, 6, 1)
START = date(2012, 4, 2)


def _day(offset: int) -> str:
    return (START + timedelta(days=offset)).isoformat()


def generate(projects: int = PROJECTS) -> dict[str, Any]:
    """Plain data for a large, mostly compliant programme (a few rules fire, as in life)."""
    people = [{"id": "sro", "name": "SRO"}, {"id": "ceo", "name": "Chief Executive"}]
    delegations = []
    managers = []
    for d in range(DIRECTORS):
        director = f"dir-{d}"
        people.append({"id": director, "name": f"Director {d}"})
        delegations.append(
            {
                "id": f"d-{director}",
                "delegator": "ceo",
                "delegates": [director],
                "decisions": ["spend"],
                "limit": "500k",
                "may_sub_delegate": True,
                "valid_from": "2012-04-01",
                "valid_to": "2014-03-31",
            }
        )
        for m in range(MANAGERS_PER_DIRECTOR):
            manager = f"mgr-{d}-{m}"
            managers.append(manager)
            people.append({"id": manager, "name": f"Manager {d}.{m}"})
            delegations.append(
                {
                    "id": f"d-{manager}",
                    "delegator": director,
                    "delegates": [manager],
                    "decisions": ["spend"],
                    "limit": "50k",
                    "valid_from": "2012-04-01",
                    "valid_to": "2014-03-31",
                }
            )
    approvals: list[dict[str, Any]] = []
    project_data = []
    benefits = []
    for p in range(projects):
        pid = f"p{p}"
        executive, manager = f"exec-{p}", f"pm-{p}"
        people += [{"id": executive, "name": f"Executive {p}"}, {"id": manager, "name": f"PM {p}"}]
        stages = []
        for s in range(STAGES):
            sid = f"{pid}-s{s}"
            first = s * 60
            tasks = [
                {
                    "id": f"{sid}-t{t}",
                    "name": f"Task {t}",
                    "duration": 10,
                    "owner": manager,
                    "budget": "10k",
                    "actual_cost": "9k" if s == 0 else None,
                    "depends_on": [f"{sid}-t{t - 1}"] if t else [],
                    "tolerances": [{"aspect": "cost", "plus": 5}] if t == 0 else [],
                }
                for t in range(TASKS_PER_STAGE)
            ]
            stage: dict[str, Any] = {
                "id": sid,
                "name": f"Stage {s}",
                "kind": "initiation" if s == 0 else "delivery",
                "start": _day(first),
                "finish": _day(first + 55),
                "budget": "50k",
                "status": "complete" if s == 0 else "active" if s == 1 else "planned",
                "tolerances": [
                    {"aspect": "cost", "plus": 5},
                    {"aspect": "time", "plus": 5, "unit": "absolute"},
                ],
                "tasks": tasks,
            }
            if s < STAGES - 1:
                stage["end_stage_approval"] = f"a-{sid}-end"
                approvals.append(
                    {
                        "id": f"a-{sid}-end",
                        "subject": sid,
                        "decision": "end_stage_assessment",
                        "approvers": [executive],
                        "date": _day(first + 55),
                        "requested_by": manager,
                    }
                )
            stages.append(stage)
        approvals.append(
            {
                "id": f"a-{pid}-bc",
                "subject": pid,
                "decision": "approve_business_case",
                "approvers": [executive],
                "date": _day(0),
            }
        )
        spender = managers[p % len(managers)]
        approvals.append(
            {
                "id": f"a-{pid}-spend",
                "subject": pid,
                "decision": "spend",
                "approvers": [spender],
                "value": "40k" if p % 50 else "60k",
                "delegation": f"d-{spender}",
                "date": _day(100),
            }
        )
        risks = [
            {
                "id": f"{pid}-r{r}",
                "title": f"Risk {r}",
                "probability": 1 + (p + r) % 5,
                "impact": 1 + (p * r) % 5,
                "owner": manager if (p + r) % 97 else None,
                "response": "reduce",
                "proximity_date": _day(400 + r),
            }
            for r in range(RISKS_PER_PROJECT)
        ]
        project_data.append(
            {
                "id": pid,
                "name": f"Project {p}",
                "executive": executive,
                "project_manager": manager,
                "senior_users": [executive],
                "senior_suppliers": ["ceo"],
                "tranche": "t1",
                "status": "delivering",
                "business_case": {"status": "detailed", "approval": f"a-{pid}-bc"},
                "start": _day(0),
                "finish": _day(STAGES * 60),
                "budget": "250k",
                "tolerances": [
                    {"aspect": "cost", "plus": 10},
                    {"aspect": "time", "plus": 10, "unit": "absolute"},
                ],
                "stages": stages,
                "risks": risks,
            }
        )
        benefits.append(
            {
                "id": f"b{p}",
                "name": f"Benefit {p}",
                "owner": "sro",
                "enabled_by": [pid],
                "profile": {
                    "kpi": "Saving",
                    "unit": "GBP",
                    "baseline_value": 0,
                    "target_value": "100k",
                    "periods": [
                        {"financial_year": "2012/13", "planned": "50k", "actual": "48k"},
                        {"financial_year": "2013/14", "planned": "50k"},
                    ],
                },
            }
        )
    return {
        "id": "bench",
        "name": "Benchmark programme",
        "sro": "sro",
        "start": _day(0),
        "people": people,
        "tranches": [{"id": "t1", "name": "Tranche 1", "start": "2012-04-01", "end": "2014-03-31"}],
        "projects": project_data,
        "benefits": benefits,
        "tolerances": [
            {"aspect": "cost", "plus": 15},
            {"aspect": "benefits", "minus": 10},
            {"aspect": "time", "plus": 20, "unit": "absolute"},
        ],
        "authorities": [
            {"id": "auth-ceo", "holder": "ceo", "decisions": ["spend"], "limit": "10m"}
        ],
        "delegations": delegations,
        "approvals": approvals,
        "governance": {"key_decision_threshold": "500k"},
    }


def build(projects: int = PROJECTS) -> Programme:
    """The benchmark programme as a validated model."""
    data = generate(projects)
    gc.disable()  # bulk construction: the cyclic GC costs half the time and finds nothing
    try:
        return Programme.model_validate(data)
    finally:
        gc.enable()


def forecast_cpu(programme: Programme, status_date: date = TODAY) -> float:
    """CPU seconds of `progman.forecast` (earned value, dates, benefits and the judgement
    of every level) given a fresh schedule, as `validate` makes it; best of 3."""
    best = float("inf")
    for _ in range(3):
        schedule = progman.schedule(programme, status_date=status_date)
        used = time.process_time()
        progman.forecast(programme, status_date=status_date, schedule=schedule)
        best = min(best, time.process_time() - used)
    return best


def main() -> None:
    """Print model construction time, validation time (best of 3) and validation memory."""
    started = time.perf_counter()
    programme = build()
    built = time.perf_counter() - started
    tasks = sum(1 for _ in programme.work_items())
    risks = sum(1 for _ in programme.all_risks())
    print(
        f"programme: {len(programme.projects)} projects, {tasks} tasks and milestones, "
        f"{risks} risks, {len(programme.benefits)} benefits, "
        f"{len(programme.delegations)} delegations, {len(programme.approvals)} approvals"
    )
    print(f"model construction (not timed below): {built:.2f} s")
    progman.validate(programme, status_date=TODAY)  # warm up: imports, pydantic schemas
    times, cpu = [], []
    for _ in range(3):
        started, used = time.perf_counter(), time.process_time()
        report = progman.validate(programme, status_date=TODAY)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    print(
        f"validate (every rule, the cycle rule and forecasts scheduling the plan): "
        f"{min(times):.3f} s, {min(cpu):.3f} s CPU "
        f"(best of 3; all {', '.join(f'{t:.3f}' for t in times)})"
    )
    print(f"  of which the forecast of every level: {forecast_cpu(programme):.3f} s CPU, best of 3")
    print(f"findings: {report.counts()}")
    tracemalloc.start()
    progman.validate(programme, status_date=TODAY)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"validate peak memory: {peak / 1e6:.1f} MB (tracemalloc, run separately)")
    for size in (250, 500):
        smaller = build(size)
        started = time.perf_counter()
        progman.validate(smaller, status_date=TODAY)
        print(f"scaling: {size} projects validate in {time.perf_counter() - started:.3f} s")
    for project in programme.projects:  # break 16,000 links: the worst case for "did you mean"
        for stage in project.stages:
            for task in stage.tasks[1:]:
                task.depends_on[0].on += "x"
    started = time.perf_counter()
    broken = progman.validate(programme, status_date=TODAY)
    print(
        f"validate with {broken.counts()['error']} errors (16,000 broken links): "
        f"{time.perf_counter() - started:.3f} s"
    )
    print("(2-core machine shared with other jobs: figures are taken under load)")


if __name__ == "__main__":
    main()
