"""Issue 12 item 2: the Markdown board report escapes HTML in names, as the HTML one does.

Markdown renderers pass raw HTML through, so a risk titled `<img src=x onerror=...>`
in a board paper rendered from Markdown ran as markup. The check renders the report
with Python-Markdown (an independent implementation) and lists the elements it made.
"""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

import markdown

import progman as pm
from progman.report import board_report, render_markdown

SCRIPT = "<script>alert('name')</script>"
IMG = "<img src=x onerror=alert(1)>"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def hostile() -> pm.Programme:
    """Hostile text in every name the report shows: programme, project, task on the
    critical path, milestone, escalated risk, open issue, benefit and a finding."""
    return pm.Programme(
        id="otp",
        name=f"OTP {SCRIPT}",
        start="2013-01-07",
        projects=[
            pm.Project(
                id="portal",
                name=f"Portal {IMG}",
                budget="100k",
                tasks=[pm.Task(id="spec", name=f"Spec {SCRIPT}", duration=5)],
                milestones=[pm.Milestone(id="live", name=f"Live {IMG}", depends_on=["spec"])],
                risks=[
                    pm.Risk(
                        id="R1",
                        title=f"Delay {IMG}",
                        probability=5,
                        impact=5,
                        owner="nobody-known",  # a finding naming it
                    )
                ],
                issues=[pm.Issue(id="I1", title=f"Open {SCRIPT}")],
            )
        ],
        benefits=[pm.Benefit(id="saving", name=f"Saving {IMG}")],
    )


def test_markdown_report_shows_names_as_text_not_markup() -> None:
    text = render_markdown(board_report(hostile(), status_date=datetime.date(2013, 1, 9)))
    assert "<script" not in text
    assert "<img" not in text
    parser = _Tags()
    parser.feed(markdown.markdown(text, extensions=["tables"]))
    assert not parser.tags & {"script", "img"}
    shown = "".join(parser.text)
    # The names are still there, to be read as text, in the title, critical path and tables.
    assert f"OTP {SCRIPT}: board report" in shown
    assert f"Spec {SCRIPT}" in shown
    assert f"Delay {IMG}" in shown
    assert f"Open {SCRIPT}" in shown


def test_plain_names_are_unchanged() -> None:
    programme = pm.Programme(id="otp", name="Milton Keynes: one council", start="2013-01-07")
    text = render_markdown(board_report(programme, status_date=datetime.date(2013, 1, 9)))
    assert text.startswith("# Milton Keynes: one council: board report at 9 January 2013\n")
