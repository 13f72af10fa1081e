"""The plan's own bookkeeping (which model path each node and link came from) and the
summary rows made from it."""

from __future__ import annotations

from datetime import date

import pytest

from progman import Programme, schedule
from progman.schedule.plan import compile_plan


def linked() -> Programme:
    # Nodes in model order: the programme's milestone, then per project its tasks, its
    # milestones and each stage's tasks and milestones.
    return Programme.model_validate(
        {
            "id": "p",
            "name": "P",
            "start": "2013-01-07",
            "milestones": [{"id": "go", "name": "Go"}],
            "projects": [
                {
                    "id": "a",
                    "name": "A",
                    "tasks": [
                        {"id": "a1", "name": "A1", "duration": 2},
                        {"id": "a2", "name": "A2", "duration": 1, "depends_on": ["go", "a1"]},
                    ],
                    "stages": [
                        {
                            "id": "s",
                            "name": "S",
                            "tasks": [{"id": "s1", "name": "S1", "duration": 1}],
                            "milestones": [{"id": "s-end", "name": "S end", "depends_on": ["s1"]}],
                        }
                    ],
                },
                {
                    "id": "b",
                    "name": "B",
                    "depends_on": [{"on": "a", "type": "SS"}],
                    "tasks": [{"id": "b1", "name": "B1", "duration": 1, "depends_on": ["s"]}],
                },
            ],
        }
    )


def test_each_node_is_named_by_the_model_path_of_its_item() -> None:
    plan = compile_plan(linked())
    expected = [
        "milestones[0]",
        "projects[0].tasks[0]",
        "projects[0].tasks[1]",
        "projects[0].stages[0].tasks[0]",
        "projects[0].stages[0].milestones[0]",
        "projects[1].tasks[0]",
    ]
    assert plan.ids == ["go", "a1", "a2", "s1", "s-end", "b1"]
    assert list(plan.paths) == expected
    assert plan.paths[-1] == expected[-1]
    assert plan.paths[1:3] == expected[1:3]
    with pytest.raises(IndexError):
        plan.paths[6]


def test_each_link_is_named_by_the_dependency_that_made_it_in_order() -> None:
    # a2's two links; s-end's; then b1 on stage s: first the stage's finish node after
    # each of its items (s1, s-end), then b1's link on it; last, project b on project a
    # (SS), a link from a's start node to each of b's items.
    plan = compile_plan(linked())
    assert list(plan.link_paths) == [
        "projects[0].tasks[1].depends_on[0]",
        "projects[0].tasks[1].depends_on[1]",
        "projects[0].stages[0].milestones[0].depends_on[0]",
        "projects[0].stages[0]",
        "projects[0].stages[0]",
        "projects[1].tasks[0].depends_on[0]",
        "projects[0]",
        "projects[0]",
        "projects[0]",
        "projects[0]",
        "projects[1].depends_on[0]",
    ]
    stage_end, project_start = 6, 7  # the summary nodes, in the order they were needed
    assert plan.node_label[stage_end:] == ["s", "a"]
    assert list(zip(plan.network.src.tolist(), plan.network.dst.tolist(), strict=True)) == [
        (0, 2),
        (1, 2),
        (3, 4),
        (3, stage_end),
        (4, stage_end),
        (stage_end, 5),
        (1, project_start),
        (2, project_start),
        (3, project_start),
        (4, project_start),
        (project_start, 5),
    ]
    assert plan.link_paths[-1] == "projects[1].depends_on[0]"
    assert plan.link_paths[2:4] == [
        "projects[0].stages[0].milestones[0].depends_on[0]",
        "projects[0].stages[0]",
    ]


def test_a_summary_spans_its_items_and_takes_the_float_of_its_open_work_only() -> None:
    # No status date. Mon 7 Jan 2013: a was done on Mon 7 - Tue 8; b (1 day) and c
    # (3 days, Mon 7 - Wed 9) are open; the programme finishes on Wed 9, so b can slip
    # 2 working days (total and free float 2), c none. Stage s1 holds a and b: it spans
    # Mon 7 - Tue 8 and its float is b's (a, finished, has none to give); s3 holds only
    # finished work (no float, not critical); the project spans all, critical through c.
    plan = schedule(
        Programme.model_validate(
            {
                "id": "p",
                "name": "P",
                "start": "2013-01-07",
                "projects": [
                    {
                        "id": "x",
                        "name": "X",
                        "stages": [
                            {"id": "s1", "name": "S1", "tasks": [done("a"), work("b", 1)]},
                            {"id": "s2", "name": "S2", "tasks": [work("c", 3)]},
                            {"id": "s3", "name": "S3", "tasks": [done("d")]},
                            {"id": "s4", "name": "S4"},
                        ],
                    }
                ],
            }
        )
    )
    mon, tue, wed = date(2013, 1, 7), date(2013, 1, 8), date(2013, 1, 9)
    s1, s2, s3, s4, x = (plan[k] for k in ("s1", "s2", "s3", "s4", "x"))
    assert (s1.early_start, s1.early_finish, s1.total_float, s1.free_float) == (mon, tue, 2, 2)
    assert not s1.critical
    assert (s2.early_start, s2.early_finish, s2.total_float, s2.critical) == (mon, wed, 0, True)
    assert (s3.early_start, s3.early_finish, s3.total_float, s3.critical) == (mon, tue, 0, False)
    assert (s4.early_start, s4.total_float, s4.critical) == (None, None, False)
    assert (x.early_start, x.early_finish, x.total_float, x.critical) == (mon, wed, 0, True)


def done(task_id: str) -> dict[str, object]:
    return {
        "id": task_id,
        "name": task_id,
        "duration": 2,
        "actual_start": "2013-01-07",
        "actual_finish": "2013-01-08",
    }


def work(task_id: str, days: int) -> dict[str, object]:
    return {"id": task_id, "name": task_id, "duration": days}
