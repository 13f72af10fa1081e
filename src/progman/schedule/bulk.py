"""Scheduling very large networks straight from arrays, with no model objects at all.

`progman.schedule(programme)` is the way for programmes written as YAML or
built as objects. For generated or imported networks of hundreds of
thousands of activities, `schedule_arrays` takes the plain arrays the engine
works on and returns plain arrays, dates included, without making a Python
object per task. It is the same engine, calendar and conventions.

>>> from datetime import date
>>> from progman.schedule.bulk import schedule_arrays
>>> result = schedule_arrays(
...     duration=[3, 2, 0], src=[0, 1], dst=[1, 2], link=["FS", "FS"], lag=[0, 0],
...     start=date(2013, 1, 7))
>>> result.early_start.tolist()   # Mon 7; Thu 10; the milestone on B's last day, Fri 11
[datetime.date(2013, 1, 7), datetime.date(2013, 1, 10), datetime.date(2013, 1, 11)]
>>> result.total_float.tolist(), result.finish
([0, 0, 0], datetime.date(2013, 1, 11))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

import numpy as np

from ..model import Calendar
from .calendar import WorkingCalendar, ordinals_to_datetime64
from .cpm import LINK_CODES, Network, backward, forward, free_float

if TYPE_CHECKING:
    from numpy.typing import ArrayLike, NDArray

__all__ = ["ArraySchedule", "schedule_arrays"]


@dataclass(frozen=True)
class ArraySchedule:
    """Per-activity results as numpy arrays: dates as `datetime64[D]`, floats in working days."""

    early_start: NDArray[Any]
    early_finish: NDArray[Any]
    late_start: NDArray[Any]
    late_finish: NDArray[Any]
    total_float: NDArray[np.int64]
    free_float: NDArray[np.int64]
    critical: NDArray[np.bool_]
    finish: date


def schedule_arrays(
    duration: ArrayLike,
    src: ArrayLike,
    dst: ArrayLike,
    link: ArrayLike | Sequence[str],
    lag: ArrayLike,
    *,
    start: date,
    calendar: Calendar | WorkingCalendar | None = None,
) -> ArraySchedule:
    """Schedule activities 0..n-1 linked by parallel arrays (link types as codes or names).

    Every activity starts no earlier than `start` (moved to a working day);
    dates follow the same conventions as `progman.schedule`. Raises
    `progman.schedule.cpm.CycleFound` if the links loop.
    """
    codes = np.asarray(link)
    if codes.dtype.kind in "US":  # names: map each distinct name once
        names, inverse = np.unique(codes, return_inverse=True)
        codes = np.asarray([LINK_CODES[str(name)] for name in names], dtype=np.int64)[inverse]
    net = Network.build(duration, src, dst, codes, lag)
    working = (
        calendar
        if isinstance(calendar, WorkingCalendar)
        else WorkingCalendar(calendar, first_year=start.year - 1)
    )
    origin = working.index(start)
    early = forward(net, np.full(net.size, origin, dtype=np.int64))
    finish = int(early.finish.max()) if net.size else origin
    late = backward(net, early, np.full(net.size, finish, dtype=np.int64))
    total = late.start - early.start
    free = np.clip(np.minimum(free_float(net, early, np.full(net.size, finish)), total), 0, None)
    point = net.duration == 0
    side = early.finish_v & 1
    es = np.where(point, early.finish - 1 + side, early.start)
    ef = early.finish - 1 + np.where(point, side, 0)
    ls = np.where(point, late.finish - 1 + side, late.start)
    lf = late.finish - 1 + np.where(point, side, 0)
    dates = [ordinals_to_datetime64(working.ordinals(index)) for index in (es, ef, ls, lf)]
    last = int(working.ordinals(np.asarray([ef.max() if net.size else origin]))[0])
    return ArraySchedule(
        early_start=dates[0],
        early_finish=dates[1],
        late_start=dates[2],
        late_finish=dates[3],
        total_float=total,
        free_float=free,
        critical=total <= 0,
        finish=date.fromordinal(last),
    )
