"""Tables for notebooks: HTML for Jupyter's `_repr_html_`, and pandas DataFrames.

Both take plain rows (lists of dicts), so every result type renders the same
way; pandas is optional and imported only when a DataFrame is asked for.
"""

from __future__ import annotations

import html
import importlib
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = ["dataframe", "html_table"]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    return html.escape(str(value))


def html_table(
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[str],
    *,
    caption: str | None = None,
    limit: int | None = 50,
) -> str:
    """An HTML table of `rows` (dicts) with the given columns; long tables are cut at `limit`.

    >>> table = html_table([{"id": "a&b", "critical": True}], ["id", "critical"], caption="Plan")
    >>> table.startswith('<table><caption>Plan</caption><thead><tr><th scope="col">id</th>')
    True
    >>> "<td>a&amp;b</td><td>yes</td>" in table
    True
    """
    head = "".join(f'<th scope="col">{html.escape(c)}</th>' for c in columns)
    body: list[str] = []
    shown = 0
    hidden = 0
    for row in rows:
        if limit is not None and shown >= limit:
            hidden += 1
            continue
        body.append("<tr>" + "".join(f"<td>{_cell(row.get(c))}</td>" for c in columns) + "</tr>")
        shown += 1
    if hidden:
        body.append(f'<tr><td colspan="{len(columns)}">... and {hidden} more</td></tr>')
    title = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def dataframe(rows: Iterable[Mapping[str, Any]], *, index: str | None = None) -> Any:
    """A `pandas.DataFrame` of `rows`, indexed by `index` (pandas is an optional extra)."""
    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "DataFrames need pandas: pip install 'progman[dataframes]' (or pip install pandas)"
        ) from None
    frame = pd.DataFrame.from_records(list(rows))
    return frame.set_index(index) if index is not None and not frame.empty else frame
