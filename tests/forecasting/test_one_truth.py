"""One truth: check, status (JSON), the board report and the exception report agree on every
generated programme and status date (issue 11)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import progman as pm
from progman.control import benefits_realisation, exception_report, rag_status, raid_roll_up
from progman.forecasting import forecast
from progman.report import board_report
from progman.report.status import status_data

START = date(2013, 1, 7)
ASPECTS = ("time", "cost", "benefits", "risk")


@st.composite
def tolerances(draw: st.DrawFn) -> list[dict[str, Any]]:
    out = []
    for aspect in draw(st.lists(st.sampled_from(["time", "cost"]), unique=True, max_size=2)):
        unit = draw(st.sampled_from(["percent", "absolute"]))
        scale = 1000 if aspect == "cost" and unit == "absolute" else 1
        plus = draw(st.none() | st.integers(0, 30))
        minus = draw(st.none() | st.integers(0, 30))
        if plus is None and minus is None:
            plus = 10
        out.append({
            "aspect": aspect, "unit": unit,
            "plus": None if plus is None else plus * scale,
            "minus": None if minus is None else minus * scale,
        })  # fmt: skip
    return out


@st.composite
def tasks(draw: st.DrawFn, prefix: str, count: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    day = START
    for k in range(count):
        duration = draw(st.integers(1, 12))
        task: dict[str, Any] = {"id": f"{prefix}t{k}", "name": f"Task {prefix}{k}",
                                "duration": duration}  # fmt: skip
        if draw(st.booleans()):
            task["budget"] = draw(st.integers(1, 50)) * 1000
        if out:
            task["depends_on"] = [out[-1]["id"]]
        progress = draw(st.sampled_from(["none", "started", "done"]))
        if progress != "none" and (not out or out[-1].get("actual_finish")):
            task["actual_start"] = day.isoformat()
            task["actual_cost"] = draw(st.integers(0, 60)) * 1000
            if progress == "done":
                task["actual_finish"] = (day + timedelta(days=duration + 3)).isoformat()
                day += timedelta(days=duration + 6)
            else:
                task["percent_complete"] = draw(st.integers(0, 100))
        if draw(st.integers(0, 4)) == 0:
            task["tolerances"] = draw(tolerances())
        out.append(task)
    return out


@st.composite
def programmes(draw: st.DrawFn) -> tuple[pm.Programme, date]:
    projects = []
    for p in range(draw(st.integers(1, 3))):
        project: dict[str, Any] = {
            "id": f"p{p}", "name": f"Project {p}", "start": START.isoformat(),
            "finish": (START + timedelta(days=draw(st.integers(10, 80)))).isoformat(),
            "tolerances": draw(tolerances()),
        }  # fmt: skip
        if draw(st.booleans()):
            project["budget"] = draw(st.integers(10, 200)) * 1000
        if draw(st.booleans()):
            project["stages"] = [
                {"id": f"p{p}s0", "name": "Stage", "tolerances": draw(tolerances()),
                 "finish": (START + timedelta(days=draw(st.integers(5, 60)))).isoformat(),
                 "budget": draw(st.integers(10, 100)) * 1000,
                 "tasks": draw(tasks(f"p{p}s0", draw(st.integers(1, 3))))}
            ]  # fmt: skip
        else:
            project["tasks"] = draw(tasks(f"p{p}", draw(st.integers(1, 3))))
        projects.append(project)
    programme = pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": START.isoformat(), "projects": projects,
        "tolerances": draw(tolerances()),
        "budget": draw(st.none() | st.integers(50, 500).map(lambda k: k * 1000)),
    })  # fmt: skip
    status = START + timedelta(days=draw(st.integers(-3, 120)))
    return programme, status


def aspect_of(row: Any, aspect: str) -> Any:
    return getattr(row, aspect).status


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programmes())
def test_check_status_report_and_exception_report_agree(case: tuple[pm.Programme, date]) -> None:
    programme, status = case
    result = forecast(programme, status_date=status)
    report = pm.validate(programme, status_date=status)
    rag = rag_status(programme, status_date=status)
    board = board_report(programme, status_date=status)

    # the board report holds exactly the RAG and the findings check and status give
    assert board.rag == rag
    assert [str(f) for f in board.validation] == [str(f) for f in report]
    # status --format json renders the same RAG
    data = status_data(rag, benefits_realisation(programme, status_date=status),
                       raid_roll_up(programme))  # fmt: skip
    for row in data["rag"]:
        level = rag.levels[row["id"]]
        for aspect in (*ASPECTS, "overall"):
            expected = getattr(level, aspect).status
            assert row[aspect]["status"] == (str(expected) if expected else None)

    def chain(subject: str) -> list[str]:
        out, here = [], subject
        while here is not None:
            out.append(here)
            parent = result.levels[here].parent
            here = parent  # type: ignore[assignment]
        return [key for key in out if key in rag.levels]

    exceeded: dict[str, set[str]] = {}
    for finding in report:
        if finding.code not in ("PG-TOLERANCE-EXCEEDED", "PG-TOLERANCE-WARNING"):
            continue
        aspect = finding.data["aspect"]
        subject = finding.subject
        assert subject is not None
        # the finding's forecast is the forecast's
        assert (
            finding.data["forecast"]
            == result.levels[subject].assessments[pm.ToleranceAspect(aspect)].forecast
        )
        wanted = {"red"} if finding.code == "PG-TOLERANCE-EXCEEDED" else {"amber", "red"}
        for key in chain(subject):  # on its object and every level above it
            assert str(aspect_of(rag.levels[key], aspect)) in wanted, (key, aspect, finding)
        if finding.code == "PG-TOLERANCE-EXCEEDED":
            for key in chain(subject):
                exceeded.setdefault(key, set()).add(aspect)
    # every red time, cost or benefits has a tolerance finding on it or below it
    for key, row in rag.levels.items():
        for aspect in ("time", "cost", "benefits"):
            if aspect_of(row, aspect) == "red":
                assert aspect in exceeded.get(key, set()), (key, aspect, getattr(row, aspect))
    # the exception report is needed exactly where a project or its stages are beyond tolerance
    for project in programme.projects:
        own = {project.id, *(s.id for s in project.stages)}
        own |= {item.id for _, item in project.work_items()}
        breached = any(f.code == "PG-TOLERANCE-EXCEEDED" and f.subject in own for f in report)
        assert exception_report(programme, project.id, status).needed == breached


def test_the_generator_makes_findings() -> None:
    # the property above is not vacuous: a plain late case gives a finding and a red
    programme = pm.Programme.model_validate({
        "id": "otp", "name": "OTP", "start": "2013-01-07", "projects": [{
            "id": "p", "name": "P", "finish": "2013-01-11",
            "tolerances": [{"aspect": "time", "plus": 1, "unit": "absolute"}],
            "tasks": [{"id": "a", "name": "A", "duration": 10}]}]})  # fmt: skip
    status = date(2013, 1, 7)
    report = pm.validate(programme, status_date=status)
    assert any(f.code == "PG-TOLERANCE-EXCEEDED" for f in report)
    assert rag_status(programme, status_date=status).projects["p"].time.status == "red"
