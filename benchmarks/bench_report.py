"""The board report of a generated programme: 1,000 projects, 10,000 tasks.

Uses the programme of `bench_control` (the status benchmark) and times
`board_report` (schedule, progress, RAG, validation, benefits, RAID: each once)
and then `render_html` and `render_markdown` apart, so the cost of laying out
11,000 Gantt rows shows on its own: wall time, and CPU time (the figure to judge on a
loaded machine), best of 5. Prints seconds, the HTML size and peak memory. Target:
data and HTML under 0.5 s on the 2-core machine (issue 18).
"""

from __future__ import annotations

import resource
import time

from progman import Programme
from progman.report import board_report, render_html, render_markdown

from .bench_control import PROJECTS, STATUS, TASKS, generate


def main() -> None:
    """Build the programme, then time collecting and rendering its board report."""
    programme = Programme.model_validate(generate())
    print(f"model: {PROJECTS} projects, {PROJECTS * TASKS} tasks (built apart, not counted)")
    collect = html = markdown = both_cpu = float("inf")
    collect_cpu = html_cpu = float("inf")
    for _ in range(5):
        cpu = time.process_time()
        began = time.perf_counter()
        report = board_report(programme, status_date=STATUS)
        collected = time.perf_counter()
        collected_cpu = time.process_time()
        page = render_html(report)
        rendered = time.perf_counter()
        rendered_cpu = time.process_time()
        collect_cpu = min(collect_cpu, collected_cpu - cpu)
        html_cpu = min(html_cpu, rendered_cpu - collected_cpu)
        both_cpu = min(both_cpu, rendered_cpu - cpu)
        render_markdown(report)
        done = time.perf_counter()
        collect = min(collect, collected - began)
        html = min(html, rendered - collected)
        markdown = min(markdown, done - rendered)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(
        f"board_report (schedule, progress, RAG, validation, benefits, RAID): {collect:.2f} s; "
        f"render_html: {html:.2f} s ({len(page) / 1e6:.1f} MB, {len(report.gantt)} Gantt rows); "
        f"render_markdown: {markdown:.2f} s; wall, best of 5 each"
    )
    print(
        f"board_report and render_html: {both_cpu:.2f} s CPU (user + system, best of 5; "
        f"board_report {collect_cpu:.2f} s, render_html {html_cpu:.3f} s; target 0.5 s, "
        "issue 18)"
    )
    print(f"peak memory: {peak:.0f} MiB (measured while other work ran on the machine)")
