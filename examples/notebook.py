# %% [markdown]
# # Milton Keynes OTP in a notebook
#
# Percent format: open this file in Jupyter (jupytext) or VS Code and run it cell by cell.
# The tests run it top to bottom (tests/report/test_frames.py), so it stays true.
# Every result has `to_dataframe()` (pandas: `pip install 'progman[dataframes]'`) with
# dates as `datetime64`, money as floats and statuses as categories, and shows as a
# table in Jupyter (`_repr_html_`).

# %%
from pathlib import Path

import progman

HERE = Path(__file__).resolve().parent if "__file__" in globals() else Path("examples")
otp = progman.load(HERE / "milton-keynes")
STATUS_DATE = "2013-01-10"  # ISO text is accepted wherever a date is

# %% [markdown]
# ## Check: the governance findings

# %%
findings = progman.validate(otp, status_date=STATUS_DATE)
findings.to_dataframe()[["code", "severity", "message"]].head()

# %% [markdown]
# ## Schedule, and what if the portal's testing slips two weeks?

# %%
plan = progman.schedule(otp, status_date=STATUS_DATE)
schedule = plan.to_dataframe()
late = schedule[schedule["early_finish"].dt.year >= 2014]  # real dates: `.dt` works
slip = plan.what_if("ccp-uat", 10)
slip.to_dataframe().head()

# %% [markdown]
# ## RAG and earned value

# %%
rag = progman.rag_status(otp, status_date=STATUS_DATE)
rag.to_dataframe()[["name", "time", "cost", "overall"]].head()

# %%
earned = progman.forecast(otp, status_date=STATUS_DATE).to_dataframe()
earned[["bac", "ev", "ac", "cpi", "eac"]].head()

# %% [markdown]
# ## Benefits by financial year, plotted with no conversion

# %%
benefits = progman.benefits_realisation(otp).to_dataframe()
by_year = benefits.groupby("financial_year")[["planned", "forecast", "actual"]].sum()
axes = by_year.plot.bar(title="Benefits by financial year (£)")
