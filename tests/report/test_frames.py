"""DataFrames that plot: every result type a user looks at gives a typed DataFrame (dates
as datetime64, money as floats, enums as categories, the model's field names), renders
as HTML, and its numbers draw with matplotlib's Agg backend with no conversion."""

from __future__ import annotations

import runpy
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import progman
from progman.report.frames import BOARD_TABLES, REGISTER_NAMES, register_frame

pd = pytest.importorskip("pandas")
matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")

REPO = Path(__file__).resolve().parents[2]
AT = "2013-01-10"


@pytest.fixture(scope="module")
def otp() -> progman.Programme:
    return progman.load(REPO / "examples" / "milton-keynes")


def frames(otp: progman.Programme) -> dict[str, Any]:
    plan = progman.schedule(otp, status_date=AT)
    report = progman.board_report(otp, status_date=AT)
    out = {
        "schedule": plan.to_dataframe(),
        "findings": progman.validate(otp, status_date=AT).to_dataframe(),
        "rag": progman.rag_status(otp, status_date=AT).to_dataframe(),
        "earned value": progman.forecast(otp, status_date=AT).to_dataframe(),
        "benefits": progman.benefits_realisation(otp).to_dataframe(),
        "what if": plan.what_if("ccp-uat", 10).to_dataframe(),
    }
    out.update({f"board {t}": report.to_dataframe(t) for t in BOARD_TABLES})
    out.update({f"register {r}": register_frame(otp, r) for r in REGISTER_NAMES})
    return out


def test_every_frame_has_rows_and_its_numbers_plot(otp: progman.Programme) -> None:
    import matplotlib.pyplot as plt

    for name, frame in frames(otp).items():
        assert len(frame) > 0, name
        for column in frame.select_dtypes("object").columns:  # text only: no raw Decimals
            kinds = {type(v) for v in frame[column] if v is not None}  # or dates
            assert not kinds & {Decimal, date}, (name, column)
        numbers = frame.select_dtypes("number")
        if numbers.shape[1]:
            axes = numbers.plot()  # "no numeric data to plot" if money were Decimal
            assert axes.get_lines(), name
            plt.close("all")


def test_dates_money_and_enums_have_their_dtypes(otp: progman.Programme) -> None:
    every = frames(otp)
    schedule = every["schedule"]
    assert str(schedule["early_finish"].dtype).startswith("datetime64")
    assert schedule["early_finish"].dt.year.min() >= 2011  # `.dt` works
    benefits = every["benefits"]
    assert list(benefits.columns[:2]) == ["benefit", "financial_year"]  # the model's name
    assert benefits["planned"].dtype in ("float64", "Float64")
    rag = every["rag"]
    assert isinstance(rag["overall"].dtype, pd.CategoricalDtype)
    risks = every["register risks"]
    assert isinstance(risks["status"].dtype, pd.CategoricalDtype)
    assert str(risks["raised_on"].dtype).startswith("datetime64")
    # a whole-number column with a gap keeps whole numbers (pandas' nullable Int64)
    assert str(risks["residual_probability"].dtype) in ("Int64", "int64")
    earned = every["earned value"]
    assert earned["eac"].dtype in ("float64", "Float64")


def test_benefits_by_financial_year_sum_and_plot_with_no_conversion(
    otp: progman.Programme,
) -> None:
    # Regression: `df.groupby("year").sum().plot.bar()` failed ("no numeric data to plot"):
    # money was Decimal in object columns, and the column was `year`.
    import matplotlib.pyplot as plt

    frame = progman.benefits_realisation(otp).to_dataframe()
    by_year = frame.groupby("financial_year")[["planned", "actual"]].sum()
    axes = by_year.plot.bar()
    assert len(axes.patches) == 2 * len(by_year)
    plt.close("all")


def test_result_types_render_as_html_with_words_for_people(otp: progman.Programme) -> None:
    rag = progman.rag_status(otp, status_date=AT)
    html = rag._repr_html_()
    assert "<table>" in html
    assert "10 January 2013" in html
    report = progman.board_report(otp, status_date=AT)
    assert "<table>" in report._repr_html_()
    assert "<table>" in progman.forecast(otp, status_date=AT)._repr_html_()
    plan = progman.schedule(otp, status_date=AT)
    assert "<table>" in plan.what_if("ccp-uat", 10)._repr_html_()


def test_the_notebook_walk_through_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    namespace = runpy.run_path(str(REPO / "examples" / "notebook.py"))
    assert len(namespace["by_year"]) >= 3
    assert namespace["axes"].patches
    plt.close("all")
