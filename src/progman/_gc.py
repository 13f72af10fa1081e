"""The cyclic garbage collector paused while many objects are made.

progman's bulk work (loading, scheduling, forecasting, validating, reports) makes hundreds
of thousands of small objects and no reference cycles; the cyclic GC would meanwhile
rescan the whole programme over and over (about half the time of building a large model,
and most of turning a 100,000-task schedule into JSON).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["bulk_objects"]


@contextmanager
def bulk_objects() -> Iterator[None]:
    """Pause the cyclic GC while tens of thousands of objects are made (halves the time).

    Objects made meanwhile are frozen and then handed to the oldest generation, so the
    first collection afterwards does not rescan them all. An application that froze
    objects itself (a forking server) keeps them frozen: we then only pause the GC.

    >>> import gc
    >>> with bulk_objects():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    enabled = gc.isenabled()
    ours = gc.get_freeze_count() == 0
    gc.disable()
    try:
        yield
    finally:
        if ours:
            gc.freeze()
            gc.unfreeze()
        if enabled:
            gc.enable()
