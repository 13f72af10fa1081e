"""pandas DataFrames of progman's results; pandas is an optional extra."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["dataframe"]


def dataframe(rows: Iterable[Mapping[str, Any]], *, index: str | None = None) -> Any:
    """A `pandas.DataFrame` of `rows` (dicts), indexed by `index` when given."""
    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError:
        raise ImportError(
            "DataFrames need pandas: pip install 'progman[dataframes]' (or pip install pandas)"
        ) from None
    frame = pd.DataFrame.from_records(list(rows))
    return frame.set_index(index) if index is not None and not frame.empty else frame
