"""Run every benchmark module (`bench_<topic>.py`), or only the topics named on the command line."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    folder = Path(__file__).parent
    topics = sorted(
        info.name.removeprefix("bench_")
        for info in pkgutil.iter_modules([str(folder)])
        if info.name.startswith("bench_")
    )
    wanted = argv or topics
    unknown = [topic for topic in wanted if topic not in topics]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; have: {', '.join(topics)}")
        return 2
    for topic in wanted:
        print(f"== {topic}")
        importlib.import_module(f"benchmarks.bench_{topic}").main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
