"""Rendering results for people: text summaries, the board report in HTML and Markdown.

>>> import datetime, progman as pm
>>> from progman.report import board_report, render_markdown
>>> report = board_report(pm.Programme(id="otp", name="OTP", start="2013-01-07"),
...                       status_date=datetime.date(2013, 1, 9))
>>> render_markdown(report).startswith("# OTP")
True
"""

from .board import BoardReport, board_report
from .html import render_html
from .markdown import render_markdown

__all__ = ["BoardReport", "board_report", "render_html", "render_markdown"]
