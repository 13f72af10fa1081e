"""Progress at a status date: earned value and forecasts for every level.

The computation lives in `progman.forecasting` (one forecast for `check`, `status`,
the board report and the RAG); `progress` and `Progress` are its names in
`progman.control`, kept for existing code.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from ..forecasting import ProgrammeForecast, forecast
from ..model import Programme
from ..model.common import as_date

if TYPE_CHECKING:
    from ..schedule import Schedule

__all__ = ["Progress", "progress"]

Progress = ProgrammeForecast
"""The result of `progress`: `progman.forecasting.ProgrammeForecast`."""


def progress(
    programme: Programme,
    schedule: Schedule | None = None,
    *,
    status_date: date | str | None = None,
) -> ProgrammeForecast:
    """Earned value and forecasts for every level of the programme at the status date
    (a date or ISO text; `progman.forecasting.forecast` under its `control` name).

    >>> import progman as pm
    >>> programme = pm.Programme(id="otp", name="OTP", start="2013-01-07",
    ...     status_date="2013-01-11", projects=[pm.Project(id="p", name="P", budget="20k",
    ...     tasks=[pm.Task(id="a", name="A", duration=10, budget="10k", actual_start="2013-01-07",
    ...                    percent_complete=40, actual_cost="5k")])])
    >>> progress(programme)["a"].cpi
    Decimal('0.8')
    """
    return forecast(programme, status_date=as_date(status_date, "status_date"), schedule=schedule)
