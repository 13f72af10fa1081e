"""Run the benchmarks: every `bench_*.py` module here, or the one named (`rules`)."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    """Import each benchmark module (or only the topics named) and call its main()."""
    here = Path(__file__).parent
    topics = sorted(
        name.removeprefix("bench_")
        for _, name, _ in pkgutil.iter_modules([str(here)])
        if name.startswith("bench_")
    )
    wanted = argv or topics
    unknown = [t for t in wanted if t not in topics]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {', '.join(topics)}")
        return 2
    for topic in wanted:
        print(f"== {topic}")
        importlib.import_module(f"benchmarks.bench_{topic}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
